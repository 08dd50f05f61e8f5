package io.meetload.security;

import io.meetload.coordinator.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;

/** The API's one rate limit, shared by the token filter and the chat commands. */
@ApplicationScoped
public class RateLimits {

    private final RateLimiter limiter;

    public RateLimits(ApiSecurityConfig config, Clock clock) {
        this.limiter = new RateLimiter(Math.max(1, config.requestsPerMinute()), clock);
    }

    /** Throws a 429 ApiProblem naming the limit when {@code key} has used its requests of the minute. */
    public void take(String key, String who) {
        long retryAfter = limiter.take(key);
        if (retryAfter > 0) {
            throw new ApiProblem(429, message(who, retryAfter),
                    Map.of("limit", limiter.perMinute(), "retryAfterSeconds", retryAfter));
        }
    }

    /** The words of a 429: the limit, its setting, and when to try again. */
    public String message(String who, long retryAfter) {
        return "requests: at most " + limiter.perMinute() + " per minute (meetload.api.requests-per-minute) for "
                + who + ", one more is allowed in " + retryAfter + "s";
    }
}
