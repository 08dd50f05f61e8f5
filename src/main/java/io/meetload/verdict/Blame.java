package io.meetload.verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Who is to blame for a failure: the generator, when one of its faults on the same instance (or,
 * for received quality, on an instance the media came from) overlaps the failure or the lookback
 * before it; otherwise the service under test.
 */
final class Blame {

    private final Duration lookback;

    Blame(Duration lookback) {
        this.lookback = lookback;
    }

    /** The generator faults on the failure's instance that overlap [from - lookback, to]. */
    List<Fault> causes(Failure failure, List<Fault> faults) {
        return causes(failure, faults, java.util.Set.of(failure.instance()));
    }

    /**
     * The generator faults on any of {@code instances} that overlap [from - lookback, to]: for
     * what a participant received, the instances its media came from count too (a starved sender
     * sends less, and its receivers on healthy instances see it).
     */
    List<Fault> causes(Failure failure, List<Fault> faults, java.util.Set<Integer> instances) {
        Instant from = failure.from() == null ? null : failure.from().minus(lookback);
        Instant to = failure.to() == null ? failure.from() : failure.to();
        return faults.stream()
                .filter(f -> f.attribution() == Verdict.Attribution.GENERATOR)
                .filter(f -> instances.contains(f.instance()))
                .filter(f -> f.from() != null && f.overlaps(from, to))
                .toList();
    }

    /** "failure while cause" (or "after", when the cause ended before the failure). */
    static String explain(Failure failure, List<Fault> causes) {
        StringBuilder s = new StringBuilder(failure.message());
        String sep = " ";
        Instant at = failure.to() == null ? failure.from() : failure.to();
        for (Fault cause : causes) {
            boolean ended = at != null && cause.to() != null && cause.to().isBefore(at);
            s.append(sep).append(ended ? "after " : "while ").append(cause.cause().apply(at));
            sep = " and ";
        }
        return s.toString();
    }
}
