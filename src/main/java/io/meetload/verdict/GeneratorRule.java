package io.meetload.verdict;

import io.meetload.instance.HostSample;
import io.meetload.instance.HostSampleColumns;
import io.meetload.instance.InstanceFact;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantState;
import io.meetload.verdict.Verdict.Attribution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The generator's own faults: CPU saturated for a window, memory at its limit, OOM kills, crashed
 * browsers, lost instances and reports that never came.
 */
final class GeneratorRule implements FaultRule {

    /** Memory at or over this share of the limit counts as "at the limit". */
    static final double MEMORY_RATIO = 0.95;

    private final Duration saturationWindow;

    GeneratorRule(Duration saturationWindow) {
        this.saturationWindow = saturationWindow;
    }

    @Override
    public List<Fault> faults(RunData run) {
        List<Fault> faults = new ArrayList<>();
        for (InstanceData instance : run.instances) {
            lostOrSilent(run, instance).ifPresent(faults::add);
            faults.addAll(saturation(run, instance));
            faults.addAll(memory(run, instance));
            faults.addAll(oomKills(run, instance));
        }
        for (ParticipantData p : run.participants) {
            if (p.finalState().orElse(null) == ParticipantState.BROWSER_CRASHED) {
                Instant at = p.enteredAt(ParticipantState.BROWSER_CRASHED).orElse(null);
                String evidence = p.finalEvent(ParticipantState.BROWSER_CRASHED).map(ParticipantEvent::evidence)
                        .filter(e -> e != null && !e.isBlank()).map(e -> "; seen: " + e).orElse("");
                String what = "the browser of " + p.id() + " crashed at " + run.runMinute(at);
                faults.add(new Fault("BROWSER_CRASHED", Attribution.GENERATOR, p.instance(), p.id(), at, at,
                        what + evidence, true, failureAt -> what));
            }
        }
        return faults;
    }

    private Optional<Fault> lostOrSilent(RunData run, InstanceData instance) {
        int i = instance.index();
        String who = participantsOf(instance);
        if (instance.lost()) {
            InstanceFact fact = instance.fact().orElseThrow();
            boolean oom = fact.outcome() == InstanceFact.Outcome.OOM_KILLED;
            String what = "instance " + i + " was " + (oom ? "OOM-killed" : switch (fact.outcome()) {
                case EVICTED -> "evicted";
                case NOT_STARTED -> "never started";
                default -> "lost";
            }) + (fact.at() == null ? "" : " at " + run.runMinute(fact.at()))
                    + (oom ? " (memory limit " + Format.bytes(instance.host().memoryLimitBytes != null
                    ? instance.host().memoryLimitBytes // an OOM kill means a limit: the pod's, the plan's size
                    : run.plan.instanceSize().memoryBytes()) + ")" : "");
            String details = detail(fact) + (instance.report().isEmpty() ? "; no report, " + who + " unaccounted for" : "");
            return Optional.of(new Fault(oom ? "OOM_KILLED" : "INSTANCE_LOST",
                    oom ? Attribution.GENERATOR : Attribution.HARNESS, i, null, fact.at(), fact.at(),
                    what + details, true, at -> what));
        }
        if (instance.report().isEmpty() && run.input.cancelled().isEmpty()) {
            String what = "instance " + i + " sent no report" + (instance.cancelled() ? " (it was cancelled)" : "");
            return Optional.of(new Fault("REPORT_MISSING", Attribution.HARNESS, i, null, null, null,
                    what + "; " + who + " unaccounted for", true, at -> what));
        }
        return Optional.empty();
    }

    private List<Fault> saturation(RunData run, InstanceData instance) {
        // Saturated: the mean CPU ratio over a whole window at or over the limit (see meanAtLeast).
        HostTimeline host = instance.host();
        double limitRatio = run.plan.thresholds().maxGeneratorCpuRatio();
        List<Fault> faults = new ArrayList<>();
        for (HostTimeline.Episode e : host.meanAtLeast(host.samples::cpuRatio, limitRatio, saturationWindow)) {
            String ran = "instance " + instance.index() + " ran at ";
            String limit = " of its " + Format.cores(host.cpuLimitCores) + "-CPU limit";
            String rule = " (limit " + Format.percent(limitRatio) + ")";
            String message = ran + Format.percent(medianRatio(e)) + limit + " for " + Format.duration(e.length())
                    + " from " + run.runMinute(e.from()) + " to " + run.runMinute(e.to()) + rule;
            faults.add(new Fault("GENERATOR_SATURATED", Attribution.GENERATOR, instance.index(), null,
                    e.from(), e.to(), message, false, at -> {
                        Instant until = at == null || at.isAfter(e.to()) ? e.to() : at;
                        HostTimeline.Episode upTo = upTo(e, until);
                        String clause = ran + Format.percent(medianRatio(upTo)) + limit + " for "
                                + Format.duration(upTo.length()) + rule;
                        return at != null && at.isAfter(e.to()) ? clause + " until " + run.runMinute(e.to()) : clause;
                    }));
        }
        return faults;
    }

    private List<Fault> memory(RunData run, InstanceData instance) {
        Long limit = instance.host().memoryLimitBytes;
        if (limit == null) {
            return List.of();
        }
        List<Fault> faults = new ArrayList<>();
        for (HostTimeline.Episode e : instance.host().episodes(i -> instance.host().samples.memoryBytes(i) >= MEMORY_RATIO * limit)) {
            long max = e.samples().stream().mapToLong(HostSample::memoryBytes).max().orElse(0);
            String what = "instance " + instance.index() + " used " + Format.bytes(max) + " of its "
                    + Format.bytes(limit) + " memory limit (" + Format.percent((double) max / limit) + ", limit "
                    + Format.percent(MEMORY_RATIO) + ")";
            faults.add(new Fault("GENERATOR_MEMORY", Attribution.GENERATOR, instance.index(), null, e.from(), e.to(),
                    what + " for " + Format.duration(e.length()) + " from " + run.runMinute(e.from()), false,
                    at -> what));
        }
        return faults;
    }

    /** Kills counted by the container since it started: a rise between samples is a kill then. */
    private List<Fault> oomKills(RunData run, InstanceData instance) {
        List<Fault> faults = new ArrayList<>();
        long seen = 0;
        HostSampleColumns host = instance.host().samples;
        for (int i = 0; i < host.size(); i++) {
            if (host.oomKills(i) > seen) {
                long kills = host.oomKills(i) - seen;
                Instant when = host.at(i);
                String what = "instance " + instance.index() + " had " + kills + " OOM kill" + (kills > 1 ? "s" : "")
                        + " by " + run.runMinute(when);
                faults.add(new Fault("OOM_KILLED", Attribution.GENERATOR, instance.index(), null, when, when,
                        what, false, at -> what));
                seen = host.oomKills(i);
            }
        }
        return faults;
    }

    private static HostTimeline.Episode upTo(HostTimeline.Episode e, Instant until) {
        List<HostSample> samples = e.samples().stream().filter(s -> !s.at().isAfter(until)).toList();
        return new HostTimeline.Episode(e.from(), until, samples.isEmpty() ? e.samples() : samples);
    }

    private static double medianRatio(HostTimeline.Episode e) {
        return Stats.median(e.samples().stream().map(HostSample::cpuRatio).toList());
    }

    private static String detail(InstanceFact fact) {
        StringBuilder s = new StringBuilder();
        if (fact.exitCode() != null) {
            s.append(", exit code ").append(fact.exitCode());
        }
        if (fact.signal() != null) {
            s.append(", signal ").append(fact.signal());
        }
        if (fact.message() != null && !fact.message().isBlank()) {
            s.append(": ").append(fact.message());
        }
        return s.toString();
    }

    private static String participantsOf(InstanceData instance) {
        List<String> ids = instance.assignment().participants().stream().map(p -> p.id()).toList();
        return ids.isEmpty() ? "no participants" : String.join(", ", ids);
    }
}
