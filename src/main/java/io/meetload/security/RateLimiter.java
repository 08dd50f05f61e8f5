package io.meetload.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a token, an address, a chat user): {@code perMinute} requests at once,
 * refilled evenly over a minute. Buckets that are full again are forgotten once there are many,
 * so the map stays small whoever calls.
 */
public final class RateLimiter {

    private static final int FORGET_ABOVE = 10_000;
    private static final double MINUTE_MILLIS = 60_000.0;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute: must be at least 1, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public int perMinute() {
        return perMinute;
    }

    /** Takes one request from the key's bucket: 0 when allowed, else the whole seconds until one is back. */
    public long take(String key) {
        long now = clock.millis();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> refilled(b, now) >= perMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        synchronized (bucket) {
            bucket.tokens = refilled(bucket, now);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            // Whole milliseconds first (less a rounding hair), so 1000.0000001 ms does not read as 2 s.
            long waitMillis = (long) Math.ceil((1 - bucket.tokens) * MINUTE_MILLIS / perMinute - 1e-6);
            return Math.max(1, (waitMillis + 999) / 1000);
        }
    }

    private double refilled(Bucket b, long now) {
        synchronized (b) {
            return Math.min(perMinute, b.tokens + Math.max(0, now - b.at) * perMinute / MINUTE_MILLIS);
        }
    }
}
