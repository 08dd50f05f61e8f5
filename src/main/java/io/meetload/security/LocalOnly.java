package io.meetload.security;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Without an API token the API trusts whoever reaches it, which on loopback means programs of
 * this machine, but also its web browser: a page of any site can send a POST to 127.0.0.1 (no
 * response needed to cancel a run), or rebind its own name to 127.0.0.1 and talk to the API as if
 * it were that site. So a state-changing request without a token must name this machine in
 * {@code Host}, and, when a browser sent it, come from a page of this machine ({@code Origin}). Pure.
 */
final class LocalOnly {

    private LocalOnly() {
    }

    /** Why the request cannot be taken without a token; null when it can. */
    static String problem(String host, String origin) {
        if (host == null || !IpLiteral.isLoopback(hostOf(host))) {
            return "Host: must name this machine (localhost, 127.0.0.1, [::1]) while meetload.api.token is not set, was "
                    + (host == null ? "missing" : LogSafe.text(host));
        }
        if (origin != null && !loopbackOrigin(origin)) {
            return "Origin: a page of another site cannot change runs while meetload.api.token is not set, was "
                    + LogSafe.text(origin);
        }
        return null;
    }

    /** The host of a Host header: without its port, IPv6 without brackets kept as written. */
    private static String hostOf(String header) {
        String h = header.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
    }

    private static boolean loopbackOrigin(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            return ("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null
                    && IpLiteral.isLoopback(uri.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
