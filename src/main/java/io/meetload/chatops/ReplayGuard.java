package io.meetload.chatops;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the signatures of the signed requests taken within the allowed clock skew, so the
 * very same request sent again inside that window is refused too (the timestamp check alone
 * lets it through). Bounded: the oldest are forgotten first.
 */
final class ReplayGuard {

    private static final int MAX = 50_000;
    private final Map<String, Instant> seen = new LinkedHashMap<>();
    private final Duration window;

    ReplayGuard(Duration window) {
        this.window = window;
    }

    /** True the first time this signature is seen within the window; false for a replay. */
    synchronized boolean firstTime(String signature, Instant now) {
        Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> e = oldest.next();
            if (e.getValue().plus(window.multipliedBy(2)).isBefore(now) || seen.size() > MAX) {
                oldest.remove();
            } else {
                break;
            }
        }
        return seen.putIfAbsent(signature, now) == null;
    }
}
