package io.meetload.chatops;

import io.meetload.coordinator.RunStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A slash command's text, read: {@code run PRESET [key=value ...]}, {@code status ID},
 * {@code cancel ID}, {@code list}, {@code help}. Pure; anything else is a {@link Refused} whose
 * message says what was wrong and what is allowed.
 */
sealed interface ChatCommand {

    /** Preset names: a file name without a path or a leading dot. */
    Pattern PRESET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The plan fields a command may change, by their plan name. */
    List<String> COUNTS = List.of("participants", "instances", "videoSenders", "audioSenders", "rooms");
    List<String> DURATIONS = List.of("duration", "rampUp");

    record Run(String preset, Map<String, String> overrides) implements ChatCommand {
    }

    record Status(String id) implements ChatCommand {
    }

    record Cancel(String id) implements ChatCommand {
    }

    record ListRuns() implements ChatCommand {
    }

    record Help() implements ChatCommand {
    }

    /** A command that cannot be read; the message is plain text (escaped when it is sent). */
    final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    static ChatCommand parse(String text) {
        String[] words = text == null ? new String[0] : text.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return new Help();
        }
        String verb = words[0].toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "help" -> new Help();
            case "list" -> {
                only(words, 1, "list");
                yield new ListRuns();
            }
            case "status" -> new Status(runId(words, "status"));
            case "cancel" -> new Cancel(runId(words, "cancel"));
            case "run" -> run(words);
            default -> throw new Refused("unknown command \"" + cut(words[0]) + "\": use run, status, cancel, list or help");
        };
    }

    private static Run run(String[] words) {
        if (words.length < 2) {
            throw new Refused("run: needs a preset name, like run demo participants=4");
        }
        if (!PRESET.matcher(words[1]).matches()) {
            throw new Refused("preset: must be 1 to 64 characters of A-Z a-z 0-9 . _ - (not starting with . or -), was \""
                    + cut(words[1]) + "\"");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new Refused("run: expected key=value after the preset, was \"" + cut(words[i]) + "\"");
            }
            String key = canonical(words[i].substring(0, eq));
            String value = words[i].substring(eq + 1);
            if (COUNTS.contains(key)) {
                if (!value.matches("[0-9]{1,9}")) {
                    throw new Refused(key + ": must be a whole number, was \"" + cut(value) + "\"");
                }
            } else if (DURATIONS.contains(key)) {
                if (!value.matches("[Pp][A-Za-z0-9.]{1,24}")) {
                    throw new Refused(key + ": must be an ISO-8601 duration like PT10M, was \"" + cut(value) + "\"");
                }
                value = value.toUpperCase(Locale.ROOT);
            }
            if (overrides.putIfAbsent(key, value) != null) {
                throw new Refused(key + ": given more than once");
            }
        }
        return new Run(words[1], overrides);
    }

    private static String canonical(String key) {
        for (String k : COUNTS) {
            if (k.equalsIgnoreCase(key)) {
                return k;
            }
        }
        for (String k : DURATIONS) {
            if (k.equalsIgnoreCase(key)) {
                return k;
            }
        }
        throw new Refused("unknown setting \"" + cut(key) + "\": a run can change "
                + String.join(", ", COUNTS) + ", " + String.join(", ", DURATIONS));
    }

    private static String runId(String[] words, String verb) {
        only(words, 2, verb + " ID");
        if (words.length < 2) {
            throw new Refused(verb + ": needs a run id, like " + verb + " r-20261204-1432-7f3a");
        }
        if (!RunStore.RUN_ID.matcher(words[1]).matches()) {
            throw new Refused("run id: must look like r-20261204-1432-7f3a, was \"" + cut(words[1]) + "\"");
        }
        return words[1];
    }

    private static void only(String[] words, int most, String usage) {
        if (words.length > most) {
            throw new Refused(usage.split(" ")[0] + ": takes nothing after " + usage + ", was \"" + cut(words[most]) + "\"");
        }
    }

    /** Typed text repeated in a message: short, and without control characters. */
    static String cut(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
    }
}
