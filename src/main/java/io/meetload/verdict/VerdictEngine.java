package io.meetload.verdict;

import io.meetload.verdict.Verdict.Attribution;
import io.meetload.verdict.Verdict.Reason;
import io.meetload.verdict.Verdict.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From what a run left behind to its verdict: a pure function, no threads, clocks or I/O.
 *
 * <p>Failures (join, drop, no media, quality) are found first, without blame; then each is
 * attributed to the generator when one of its faults on the same instance overlaps the failure
 * or the {@code lookback} before it, else to the service. FAIL needs a service failure on a
 * healthy generator; any generator-attributed failure, lost instance, crashed browser or missing
 * data makes the run INCONCLUSIVE; generator faults that touched nothing are warnings.
 */
public final class VerdictEngine {

    /** How long the CPU must stay at or over the plan's limit to count as saturated. */
    public static final Duration DEFAULT_SATURATION_WINDOW = Duration.ofSeconds(30);
    /** How far before a failure a generator fault still explains it. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(5);

    private static final Comparator<Reason> ORDER = Comparator
            .comparing(Reason::at, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Reason::instance, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Reason::participant, Comparator.nullsLast(Comparator.naturalOrder()));

    private final List<FailureRule> failureRules;
    private final List<FaultRule> faultRules;
    private final Blame blame;

    public VerdictEngine() {
        this(DEFAULT_SATURATION_WINDOW, DEFAULT_LOOKBACK);
    }

    public VerdictEngine(Duration saturationWindow, Duration lookback) {
        this.failureRules = List.of(new JoinRule(), new DropRule(), new NoMediaRule(), new QualityRule());
        this.faultRules = List.of(new GeneratorRule(saturationWindow), new CompletenessRule());
        this.blame = new Blame(lookback);
    }

    /** The engine with the window and lookback from configuration. */
    public static VerdictEngine of(VerdictConfig config) {
        return new VerdictEngine(config.saturationWindow(), config.attributionLookback());
    }

    public Verdict evaluate(VerdictInput given) {
        VerdictInput input = normalized(given);
        RunData run = RunData.of(input);
        BridgeEvidence bridge = new BridgeEvidence(input.bridge());
        List<Fault> faults = new ArrayList<>();
        faultRules.forEach(rule -> faults.addAll(rule.faults(run)));
        List<Failure> failures = new ArrayList<>();
        failureRules.forEach(rule -> failures.addAll(rule.failures(run)));

        // reasons read best in this order: a cancel, then failures with their blame, then the faults
        List<Reason> cancelled = new ArrayList<>();
        input.cancelled().ifPresent(why -> cancelled.add(new Reason("CANCELLED", Attribution.HARNESS, null, null,
                input.endedAt(), run.runMinute(input.endedAt()),
                "run cancelled at " + run.runMinute(input.endedAt()) + ": " + why)));
        List<Reason> failed = new ArrayList<>();
        Map<Fault, Boolean> touched = new IdentityHashMap<>();
        boolean serviceFailed = false;
        for (Failure failure : failures) {
            List<Fault> causes = blame.causes(failure, faults, run.blamedInstances(failure));
            causes.forEach(c -> touched.put(c, true));
            serviceFailed |= causes.isEmpty();
            failed.add(reason(run, failure, causes, bridge));
        }
        // A harness fault on an instance (a crashed browser, a join the run cut short) is explained
        // by the generator's faults around it too: those are reasons then, not warnings.
        for (Fault fault : faults) {
            if (fault.decisive() && fault.from() != null && fault.attribution() != Attribution.GENERATOR) {
                blame.causes(new Failure(fault.kind(), fault.instance(), fault.participant(), fault.from(),
                        fault.to(), fault.message()), faults).forEach(c -> touched.put(c, true));
            }
        }
        boolean inconclusive = input.cancelled().isPresent() || !touched.isEmpty();
        List<Reason> faulty = new ArrayList<>();
        List<Reason> warnings = new ArrayList<>();
        for (Fault fault : faults) {
            boolean decisive = fault.decisive() || touched.containsKey(fault);
            inconclusive |= decisive;
            (decisive ? faulty : warnings).add(reason(run, fault));
        }
        failed.sort(ORDER);
        faulty.sort(ORDER);
        warnings.sort(ORDER);
        List<Reason> reasons = new ArrayList<>(cancelled);
        reasons.addAll(failed);
        reasons.addAll(faulty);
        Status status = inconclusive ? Status.INCONCLUSIVE : serviceFailed ? Status.FAIL : Status.PASS;
        return new Verdict(Verdict.SCHEMA, input.runId(), input.plan().name(), status, input.startedAt(),
                input.endedAt(), List.copyOf(reasons), List.copyOf(warnings), Summaries.participants(run),
                Summaries.instances(run), CapacityEstimate.estimate(run, faults), bridge.summary());
    }

    /** Absent parts as empty ones, so a sloppy caller still gets a verdict (missing data is never a pass). */
    private static VerdictInput normalized(VerdictInput in) {
        return new VerdictInput(in.runId(), in.plan(), in.startedAt(), in.endedAt(),
                in.reports() == null ? Map.of() : in.reports(), in.facts() == null ? Map.of() : in.facts(),
                in.cancelled() == null ? Optional.empty() : in.cancelled(),
                in.bridge() == null ? Optional.empty() : in.bridge());
    }

    private static Reason reason(RunData run, Failure failure, List<Fault> causes, BridgeEvidence bridge) {
        String message = Blame.explain(failure, causes) + bridge.around(run, failure.from(), failure.to())
                + (failure.evidence() == null ? "" : "; seen: " + failure.evidence());
        return new Reason(failure.kind(), causes.isEmpty() ? Attribution.SERVICE : Attribution.GENERATOR,
                failure.instance(), failure.participant(), failure.from(), run.runMinute(failure.from()), message);
    }

    private static Reason reason(RunData run, Fault fault) {
        return new Reason(fault.kind(), fault.attribution(), fault.instance(), fault.participant(), fault.from(),
                run.runMinute(fault.from()), fault.message());
    }
}
