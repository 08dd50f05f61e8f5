package io.meetload.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which hosts a URL may name: host names ({@code meet.example.org}), wildcards
 * ({@code *.example.org}: any name below example.org, not example.org itself), IP addresses and
 * CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}). Matching is literal and never resolves a
 * name: a name matches only name entries, an address only address and range entries. So
 * {@code 127.0.0.1.nip.io} or {@code 2130706433} never pass as 127.0.0.1, and an allowed name
 * is trusted to resolve where its owner says.
 */
public final class HostAllowList {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final List<String> entries;
    private final List<String> names = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private final List<Range> ranges = new ArrayList<>();

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private HostAllowList(List<String> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the entries of a setting; throws IllegalArgumentException naming the setting and the
     * entry when one is neither a name, a wildcard, an address nor a range.
     */
    public static HostAllowList parse(String setting, List<String> entries) {
        HostAllowList list = new HostAllowList(entries.stream().map(String::trim).filter(e -> !e.isEmpty()).toList());
        for (String entry : list.entries) {
            String problem = list.add(entry.toLowerCase(Locale.ROOT));
            if (problem != null) {
                throw new IllegalArgumentException(setting + ": each entry must be a host name, a *.wildcard, an IP address or a CIDR range; "
                        + problem + ", was \"" + entry + "\"");
            }
        }
        return list;
    }

    private String add(String entry) {
        if (entry.contains("://")) {
            return "a URL is not an entry, give its host";
        }
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            byte[] network = IpLiteral.parse(entry.substring(0, slash));
            String bits = entry.substring(slash + 1);
            if (network == null || !bits.matches("[0-9]{1,3}")) {
                return "a range is an address and a prefix length, like 10.0.0.0/8";
            }
            int prefix = Integer.parseInt(bits);
            int max = network.length * 8;
            if (prefix > max) {
                return "the prefix length must be at most " + max;
            }
            ranges.add(new Range(network, prefix));
            return null;
        }
        byte[] address = IpLiteral.parse(entry);
        if (address != null) {
            ranges.add(new Range(address, address.length * 8));
            return null;
        }
        if (entry.startsWith("*.")) {
            String suffix = entry.substring(2);
            if (!isName(suffix)) {
                return "a wildcard is *. and a host name, like *.example.org";
            }
            suffixes.add(suffix);
            return null;
        }
        if (!isName(entry)) {
            return "not a valid host name";
        }
        names.add(entry);
        return null;
    }

    /** Whether the host of this URL is allowed; false for a URL without a host. */
    public boolean allows(URI url) {
        return url.getHost() != null && allowsHost(url.getHost());
    }

    /** Whether a host (a name, or an address literal, IPv6 with or without brackets) is allowed. */
    public boolean allowsHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        byte[] address = IpLiteral.parse(h);
        if (address != null) {
            return ranges.stream().anyMatch(r -> r.contains(address));
        }
        if (!isName(h)) {
            return false;
        }
        String name = h;
        return names.contains(name) || suffixes.stream().anyMatch(s -> name.endsWith("." + s));
    }

    /** The entries as configured, for messages. */
    public String describe() {
        return String.join(", ", entries);
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        // A name ending in a number is an address in a browser's eyes (2130706433, 0x7f.1): not a name.
        if (s.substring(s.lastIndexOf('.') + 1).matches("[0-9]+")) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
