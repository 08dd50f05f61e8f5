package io.meetload.coordinator;

import io.meetload.bridge.BridgeMetrics;
import io.meetload.bridge.BridgeSeries;
import io.meetload.instance.InstanceFact;
import io.meetload.report.HtmlReport;
import io.meetload.verdict.Verdict;
import io.meetload.verdict.VerdictConfig;
import io.meetload.verdict.VerdictEngine;
import io.meetload.verdict.VerdictInput;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a run's verdict and its HTML page. Should the engine itself fail, the run still ends:
 * with an INCONCLUSIVE verdict that names the failure (missing data is never a pass).
 */
@ApplicationScoped
public class VerdictWriter {

    private static final Logger LOG = Logger.getLogger(VerdictWriter.class);
    private final VerdictEngine engine;
    private final BridgeMetrics bridge;
    private final HtmlReport report;

    public VerdictWriter(HtmlReport report, VerdictConfig config, BridgeMetrics bridge) {
        this.report = report;
        this.engine = VerdictEngine.of(config);
        this.bridge = bridge;
    }

    /**
     * The input with the bridge's metrics over the run window when the plan names a bridge (read
     * once, here: the verdict and the report both use them). Never throws: what cannot be read is
     * an error in the series.
     */
    public VerdictInput withBridge(VerdictInput input) {
        if (input.bridge().isPresent() || input.plan().bridge().isEmpty() || input.startedAt() == null) {
            return input;
        }
        BridgeSeries series = bridge.read(input.plan().bridge().get(), input.startedAt(), input.endedAt());
        return new VerdictInput(input.runId(), input.plan(), input.startedAt(), input.endedAt(), input.reports(),
                input.facts(), input.cancelled(), Optional.of(series));
    }

    public Verdict verdict(VerdictInput input) {
        try {
            return engine.evaluate(input);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // Out of memory here is the engine's own working data, gone once it unwinds: the run
            // still ends, INCONCLUSIVE, saying so.
            LOG.errorf(e, "run %s: the verdict engine failed", input.runId());
            return engineFailed(input, e);
        }
    }

    /** The HTML page; when it cannot be drawn, a short page that says why, so the run still ends. */
    public String html(Verdict verdict, VerdictInput input) {
        try {
            return report.render(verdict, input);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            LOG.errorf(e, "run %s: the report page could not be drawn; writing a short one instead", input.runId());
            return HtmlReport.fallback(verdict, e.toString());
        }
    }

    private static Verdict engineFailed(VerdictInput input, Throwable e) {
        List<Verdict.Reason> reasons = new ArrayList<>();
        input.cancelled().ifPresent(why -> reasons.add(new Verdict.Reason("CANCELLED", Verdict.Attribution.HARNESS,
                null, null, input.endedAt(), null, "the run was cancelled: " + why)));
        for (InstanceFact fact : input.facts().values()) {
            if (fact.outcome() != InstanceFact.Outcome.REPORTED && fact.outcome() != InstanceFact.Outcome.CANCELLED) {
                reasons.add(new Verdict.Reason("INSTANCE_" + fact.outcome(), Verdict.Attribution.HARNESS,
                        fact.index(), null, fact.at(), null, "instance " + fact.index() + ": " + fact.message()));
            }
        }
        reasons.add(new Verdict.Reason("VERDICT_FAILED", Verdict.Attribution.HARNESS, null, null, input.endedAt(),
                null, "the verdict could not be computed: " + e));
        return new Verdict(Verdict.SCHEMA, input.runId(), input.plan().name(), Verdict.Status.INCONCLUSIVE,
                input.startedAt(), input.endedAt(), reasons, List.of(), List.of(), List.of(),
                new Verdict.Capacity(null, null, null, "no capacity estimate: the verdict could not be computed"),
                Optional.empty());
    }
}
