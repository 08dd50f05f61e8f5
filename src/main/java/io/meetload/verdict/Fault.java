package io.meetload.verdict;

import java.time.Instant;
import java.util.function.Function;

/**
 * Something wrong with the load generator or the harness itself.
 *
 * @param from when it started; null when it has no time (a report that never came)
 * @param to when it ended (inclusive)
 * @param decisive makes the run INCONCLUSIVE on its own (lost instance, missing data, crashed
 *                 browser); otherwise only when it touches a failure, and a warning when not
 * @param cause the clause that explains a failure at a given moment, e.g. "instance 3 ran at
 *              97% of its 2-CPU limit for 4 min (limit 90%)"
 */
record Fault(String kind, Verdict.Attribution attribution, int instance, String participant, Instant from,
             Instant to, String message, boolean decisive, Function<Instant, String> cause) {

    /** Overlaps [from, to] (inclusive); a fault without time overlaps everything. */
    boolean overlaps(Instant windowFrom, Instant windowTo) {
        if (from == null) {
            return true;
        }
        Instant end = to == null ? from : to;
        return (windowTo == null || !from.isAfter(windowTo)) && (windowFrom == null || !end.isBefore(windowFrom));
    }
}
