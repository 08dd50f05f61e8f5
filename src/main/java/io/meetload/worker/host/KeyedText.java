package io.meetload.worker.host;

import java.util.OptionalLong;

/**
 * Reads one number from the "key value" texts the kernel writes: {@code memory.stat},
 * {@code memory.events}, {@code cpu.stat}, {@code memory.oom_control}, and the "Key:  value kB"
 * of {@code /proc/meminfo} and {@code smaps_rollup}.
 */
final class KeyedText {

    private KeyedText() {
    }

    /** The first number after {@code key} (a whole word, optionally followed by ':'); empty when absent. */
    static OptionalLong value(String text, String key) {
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith(key) || trimmed.length() == key.length()) {
                continue;
            }
            char after = trimmed.charAt(key.length());
            if (after != ':' && !Character.isWhitespace(after)) {
                continue; // "inactive_file" must not match "inactive_file_x", nor "total_" forms
            }
            String[] tokens = trimmed.substring(key.length() + 1).strip().split("\\s+");
            return OptionalLong.of(parseLong(tokens[0], key));
        }
        return OptionalLong.empty();
    }

    static long parseLong(String text, String what) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": must be an integer, was '" + text.strip() + "'", e);
        }
    }
}
