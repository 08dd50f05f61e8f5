package io.meetload.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals read as text only: never a DNS lookup (InetAddress.getByName falls back to
 * DNS for anything it cannot read as a literal, so it is not used on outside input). Forms a
 * browser would read differently from a person (leading zeros, octal, a bare integer, a zone)
 * are not literals here: they are then names, and names only match names.
 */
final class IpLiteral {

    private static final Pattern V4 = Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private IpLiteral() {
    }

    /** The address's bytes (4 or 16; an IPv4-mapped IPv6 address gives its 4 IPv4 bytes), or null when not a literal. */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        byte[] address = t.indexOf(':') >= 0 ? v6(t) : v4(t);
        return address == null ? null : unmapped(address);
    }

    static boolean isLoopback(String host) {
        byte[] a = parse(host);
        if (a == null) {
            return "localhost".equalsIgnoreCase(host);
        }
        if (a.length == 4) {
            return a[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[15] == 1;
    }

    private static byte[] v4(String t) {
        Matcher m = V4.matcher(t);
        if (!m.matches()) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int part = Integer.parseInt(m.group(i + 1));
            if (part > 255) {
                return null;
            }
            out[i] = (byte) part;
        }
        return out;
    }

    private static byte[] v6(String t) {
        if (t.indexOf('%') >= 0 || t.contains(":::")) {
            return null;
        }
        int gap = t.indexOf("::");
        if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? t.substring(0, gap) : t;
        String tail = gap >= 0 ? t.substring(gap + 2) : "";
        int[] left = groups(head, gap < 0);
        int[] right = gap >= 0 ? groups(tail, true) : new int[0];
        if (left == null || right == null) {
            return null;
        }
        int total = left.length + right.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < left.length; i++) {
            put(out, i, left[i]);
        }
        for (int i = 0; i < right.length; i++) {
            put(out, 8 - right.length + i, right[i]);
        }
        return out;
    }

    /** 16-bit groups; the last one may be a dotted IPv4 address (two groups). */
    private static int[] groups(String part, boolean mayEndInV4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] words = part.split(":", -1);
        int extra = 0;
        byte[] v4 = null;
        if (mayEndInV4 && words[words.length - 1].indexOf('.') >= 0) {
            v4 = v4(words[words.length - 1]);
            if (v4 == null) {
                return null;
            }
            extra = 1;
        }
        int[] out = new int[words.length + extra];
        for (int i = 0; i < words.length - (v4 == null ? 0 : 1); i++) {
            if (!HEX_GROUP.matcher(words[i]).matches()) {
                return null;
            }
            out[i] = Integer.parseInt(words[i], 16);
        }
        if (v4 != null) {
            out[words.length - 1] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            out[words.length] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[group * 2] = (byte) (value >> 8);
        out[group * 2 + 1] = (byte) value;
    }

    /** ::ffff:a.b.c.d reaches the IPv4 host a.b.c.d: it is matched as that address. */
    private static byte[] unmapped(byte[] a) {
        if (a.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        if ((a[10] & 0xff) != 0xff || (a[11] & 0xff) != 0xff) {
            return a;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }
}
