package io.meetload.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who may use the HTTP API, where its runs may go, and how much one caller may ask for. */
@ConfigMapping(prefix = "meetload.api")
public interface ApiSecurityConfig {

    /**
     * The bearer token every state-changing request must carry ({@code Authorization: Bearer ...});
     * no default. Unset is allowed only while the HTTP server listens on loopback alone.
     */
    Optional<String> token();

    /** Whether reading runs, verdicts and reports needs no token; default true. */
    @WithDefault("true")
    boolean openReads();

    /**
     * The hosts a plan may target (target.url, bridge.prometheusUrl): host names, *.wildcards,
     * addresses or CIDR ranges, matched literally (no DNS); default loopback only.
     */
    @WithDefault("127.0.0.0/8,localhost,::1")
    List<String> allowedTargets();

    /** Most participants one run may have; default 200. */
    @WithDefault("200")
    int maxParticipants();

    /** Most runs active at once; default 2. */
    @WithDefault("2")
    int maxConcurrentRuns();

    /** Longest plan duration (without ramp-up); default PT2H. */
    @WithDefault("PT2H")
    Duration maxDuration();

    /** State-changing requests (and chat commands) per minute per token, address or chat user; default 60. */
    @WithDefault("60")
    int requestsPerMinute();
}
