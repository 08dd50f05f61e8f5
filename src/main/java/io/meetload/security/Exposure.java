package io.meetload.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a coordinator may start with these settings: pure. Without an API token the API is
 * open to whoever can reach it, which is acceptable only when that is this machine alone.
 */
public final class Exposure {

    private Exposure() {
    }

    /**
     * @param token meetload.api.token
     * @param httpHost quarkus.http.host, as configured (checked even when the host is disabled:
     *                 the setting is what an operator reads, and it should say the truth)
     */
    public static List<String> problems(Optional<String> token, String httpHost) {
        List<String> problems = new ArrayList<>();
        if (token.isPresent() && token.get().isBlank()) {
            problems.add("meetload.api.token (MEETLOAD_API_TOKEN): must not be blank");
        } else if (token.isEmpty() && !loopbackOnly(httpHost)) {
            problems.add("meetload.api.token (MEETLOAD_API_TOKEN) is not set while the HTTP server listens on "
                    + LogSafe.text(httpHost) + " (quarkus.http.host), not on loopback alone: anyone who reaches it could start"
                    + " load tests. Set MEETLOAD_API_TOKEN to a long random secret, or QUARKUS_HTTP_HOST=127.0.0.1"
                    + " to keep the API on this machine");
        }
        return problems;
    }

    /** 127.0.0.0/8, ::1 or localhost: nothing else (0.0.0.0 and :: mean every interface). */
    public static boolean loopbackOnly(String httpHost) {
        return httpHost != null && IpLiteral.isLoopback(httpHost.trim());
    }
}
