package io.meetload.security;

/**
 * Text from outside (a chat command, a header, a URL) made safe for one log line: line breaks and
 * other control characters become visible escapes, so nobody can forge a log line, and the text
 * is cut to a length that cannot flood the log.
 */
public final class LogSafe {

    static final int MAX = 200;

    private LogSafe() {
    }

    public static String text(String raw) {
        if (raw == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX) + 8);
        for (int i = 0; i < raw.length() && out.length() < MAX; i++) {
            char c = raw.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() < MAX || raw.length() <= MAX ? out.toString() : out + "...";
    }
}
