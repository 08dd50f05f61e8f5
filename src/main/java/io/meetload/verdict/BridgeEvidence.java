package io.meetload.verdict;

import io.meetload.bridge.BridgeSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the bridge's own metrics say around a failure, and their maxima for the verdict. A stressed
 * bridge around a drop points at the service; a calm one is worth saying too.
 */
final class BridgeEvidence {

    /** Stress at or over this is the bridge straining (jitsi-videobridge's own scale, 0..1+). */
    static final double HIGH_STRESS = 0.8;
    /** How far around a failure the bridge's stress is read. */
    static final Duration AROUND = Duration.ofMinutes(2);

    static final String STRESS = "STRESS";
    static final String PARTICIPANTS = "PARTICIPANTS";
    static final String RECEIVE_BPS = "RECEIVE_BPS";
    static final String LOSS_RATIO = "LOSS_RATIO";

    private final Optional<BridgeSeries> bridge;

    BridgeEvidence(Optional<BridgeSeries> bridge) {
        this.bridge = bridge;
    }

    /** "; bridge stress reached 0.93 at 31:00 (...)" for [from - 2 min, to + 2 min], or "" without data. */
    String around(RunData run, Instant from, Instant to) {
        if (from == null) {
            return "";
        }
        Instant end = to == null ? from : to;
        Optional<BridgeSeries.Point> peak = points(STRESS).stream()
                .filter(p -> !p.at().isBefore(from.minus(AROUND)) && !p.at().isAfter(end.plus(AROUND)))
                .max(Comparator.comparingDouble(BridgeSeries.Point::value));
        if (peak.isEmpty()) {
            return "";
        }
        double stress = peak.get().value();
        return stress >= HIGH_STRESS
                ? "; bridge stress reached " + Format.number(stress) + " at " + run.runMinute(peak.get().at())
                  + " (" + Format.number(HIGH_STRESS) + " or more: the bridge was straining)"
                : "; bridge stress at most " + Format.number(stress) + " around it (calm)";
    }

    Optional<Verdict.BridgeSummary> summary() {
        return bridge.map(b -> new Verdict.BridgeSummary(b.source(), max(STRESS), max(PARTICIPANTS), max(RECEIVE_BPS),
                max(LOSS_RATIO), b.errors() == null ? Map.of() : Map.copyOf(b.errors())));
    }

    private Double max(String quantity) {
        return points(quantity).stream().mapToDouble(BridgeSeries.Point::value).filter(v -> !Double.isNaN(v))
                .boxed().max(Double::compare).orElse(null);
    }

    private List<BridgeSeries.Point> points(String quantity) {
        return bridge.map(BridgeSeries::series).map(s -> s.get(quantity)).orElse(List.of());
    }
}
