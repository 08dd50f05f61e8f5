package io.meetload.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateLimiterTest {

    /** A clock moved by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-04T14:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aBurstOfTheLimitThenOneEveryMinuteOverTheLimit() {
        HandClock clock = new HandClock();
        RateLimiter limiter = new RateLimiter(3, clock);
        assertEquals(0, limiter.take("a"));
        assertEquals(0, limiter.take("a"));
        assertEquals(0, limiter.take("a"));
        assertEquals(20, limiter.take("a"), "one token comes back every 20 s");
        assertEquals(0, limiter.take("b"), "keys have their own buckets");
        clock.now = clock.now.plus(Duration.ofSeconds(19));
        assertEquals(1, limiter.take("a"));
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertEquals(0, limiter.take("a"));
        assertEquals(20, limiter.take("a"));
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertEquals(0, limiter.take("a"));
        assertEquals(0, limiter.take("a"));
        assertEquals(0, limiter.take("a"));
        assertEquals(20, limiter.take("a"), "a long pause refills the bucket, never beyond the limit");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, Clock.systemUTC()));
        assertEquals("perMinute: must be at least 1, was 0", e.getMessage());
    }
}
