package io.meetload.verdict;

import io.meetload.instance.ParticipantState;
import io.meetload.verdict.Verdict.Attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Missing data is never a pass: a report that says nothing of a planned participant, a
 * participant never sampled, an instance with no host samples (its health unknown). Reported
 * as REPORT_MISSING (HARNESS), naming what is missing.
 */
final class CompletenessRule implements FaultRule {

    /** Final states that explain why a participant has no samples. */
    private static final Set<ParticipantState> EXPLAINED = Set.of(ParticipantState.FAILED_TO_JOIN,
            ParticipantState.BROWSER_CRASHED, ParticipantState.DROPPED, ParticipantState.NO_MEDIA);

    @Override
    public List<Fault> faults(RunData run) {
        List<Fault> faults = new ArrayList<>();
        for (InstanceData instance : run.instances) {
            if (instance.report().isPresent() && instance.host().isEmpty()
                    && !instance.assignment().participants().isEmpty()) {
                faults.add(missing(instance.index(), null,
                        "instance " + instance.index() + "'s report has no host samples: its generator's health is unknown"));
            }
        }
        for (ParticipantData p : run.participants) {
            InstanceData instance = run.instance(p.instance());
            if (instance.report().isEmpty()) {
                continue;
            }
            if (!p.reported()) {
                faults.add(missing(p.instance(), p.id(),
                        "instance " + p.instance() + "'s report says nothing of " + p.id()));
            } else if (p.samples().isEmpty() && !p.finalState().map(EXPLAINED::contains).orElse(false)) {
                faults.add(missing(p.instance(), p.id(), p.id() + " was never sampled (instance "
                        + p.instance() + "'s report has " + p.events().size() + " events of it and no samples)"));
            } else if (p.joinedAt().isEmpty() && !p.finalState().map(EXPLAINED::contains).orElse(false)
                    && run.input.cancelled().isEmpty()) {
                // still joining when its data ends, yet the worker never gave up on it: the run
                // ended before its join deadline (a cancel cuts joins short too, and says so)
                java.time.Instant at = p.lastSeen().orElse(null);
                String message = p.id() + " was still joining when its data ended at " + run.runMinute(at)
                        + " (last state " + p.finalState().map(Enum::name).orElse("unknown")
                        + "): the run ended before its join deadline; the generator may be too slow to start "
                        + "its browsers, or the plan too short";
                faults.add(new Fault("JOIN_UNFINISHED", Attribution.HARNESS, p.instance(), p.id(), at, at, message,
                        true, x -> message));
            } else if (qualityUnknown(run, p)) {
                faults.add(missing(p.instance(), p.id(), p.id() + " has no receive bitrate in its "
                        + p.flowingSamples().size() + " samples while media flowed: its quality is unknown"));
            }
        }
        return faults;
    }

    /** Media flowed (the page said so) and it should receive, but no sample tells how much. */
    private static boolean qualityUnknown(RunData run, ParticipantData p) {
        return p.reached(ParticipantState.MEDIA_FLOWING).isPresent() && run.expectsRemoteMedia(p)
                && !p.finalState().map(EXPLAINED::contains).orElse(false)
                && p.flowingSamples().stream().noneMatch(s -> s.receiveBitsPerSecond() != null);
    }

    private static Fault missing(int instance, String participant, String message) {
        return new Fault("REPORT_MISSING", Attribution.HARNESS, instance, participant, null, null, message, true,
                at -> message);
    }
}
