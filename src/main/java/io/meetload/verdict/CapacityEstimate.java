package io.meetload.verdict;

import io.meetload.instance.ParticipantState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How many participants an instance of this size drives with headroom, from the run's own samples.
 *
 * <p>Each reported instance gives its median CPU cores over its steady part (after the ramp-up,
 * before its first failure). A least-squares fit of those medians against each instance's receivers
 * and senders ({@code cores = a * receivers + b * senders}) gives the cost of one of each; when the
 * fit is under-determined (every instance has the same mix, or a cost comes out negative) both get
 * the plain average per participant. An instance that saturated proves its participants needed at
 * least its saturated cores, so the cost used for sizing is never below that. Then
 * {@code safe = floor(cores * 0.8 / cost of one participant of the plan's mix)}.
 */
final class CapacityEstimate {

    static final double HEADROOM = 0.2;
    private static final double EPSILON = 1e-9;

    private record Load(InstanceData instance, int receivers, int senders, double medianCores) {
    }

    private CapacityEstimate() {
    }

    static Verdict.Capacity estimate(RunData run, List<Fault> faults) {
        double cores = run.plan.instanceSize().cpuCores();
        if (cores <= 0) {
            return unknown("the plan's instance size has no CPU figure: capacity unknown");
        }
        List<Load> loads = new ArrayList<>();
        for (InstanceData instance : run.instances) {
            steadyMedian(run, instance).ifPresent(median -> loads.add(new Load(instance,
                    instance.assignment().participants().size() - instance.videoSenders(), instance.videoSenders(),
                    median)));
        }
        if (loads.isEmpty()) {
            return unknown("no instance reported host samples with participants in it: the CPU cost of a "
                    + "participant is unknown");
        }
        double[] cost = fit(loads);
        int receivers = run.plan.participants() - run.plan.videoSenders();
        int senders = run.plan.videoSenders();
        double mix = ((receivers > 0 ? receivers * cost[0] : 0) + (senders > 0 ? senders * cost[1] : 0))
                / run.plan.participants();
        Optional<Saturated> saturated = worstSaturation(run, faults);
        double sizing = Math.max(mix, saturated.map(Saturated::coresPerParticipant).orElse(0.0));
        int safe = sizing <= 0 ? Integer.MAX_VALUE : (int) Math.floor(cores * (1 - HEADROOM) / sizing + EPSILON);
        return new Verdict.Capacity(receivers > 0 || loads.stream().anyMatch(l -> l.receivers > 0) ? cost[0] : null,
                senders > 0 ? cost[1] : null, safe == Integer.MAX_VALUE ? null : safe,
                CapacityAdvice.advice(run, cores, mix, sizing, safe, saturated.map(Saturated::describe)));
    }

    /** {a, b}: cores per receiver and per sender. */
    private static double[] fit(List<Load> loads) {
        double rr = 0, rs = 0, ss = 0, rm = 0, sm = 0, m = 0, n = 0;
        for (Load l : loads) {
            rr += l.receivers * l.receivers;
            rs += l.receivers * l.senders;
            ss += l.senders * l.senders;
            rm += l.receivers * l.medianCores;
            sm += l.senders * l.medianCores;
            m += l.medianCores;
            n += l.receivers + l.senders;
        }
        double det = rr * ss - rs * rs;
        if (det > EPSILON * Math.max(1, rr * ss)) {
            double a = (rm * ss - sm * rs) / det;
            double b = (sm * rr - rm * rs) / det;
            if (a >= 0 && b >= 0) {
                return new double[] {a, b};
            }
        }
        double average = m / n;
        return new double[] {average, average};
    }

    private static Optional<Double> steadyMedian(RunData run, InstanceData instance) {
        if (instance.host().isEmpty() || instance.assignment().participants().isEmpty()) {
            return Optional.empty();
        }
        Instant steady = run.input.startedAt() == null ? Instant.MIN : run.input.startedAt().plus(run.plan.rampUp());
        Instant firstFailure = run.participants.stream().filter(p -> p.instance() == instance.index())
                .map(p -> p.finalState().filter(ParticipantState::isFailure).flatMap(p::enteredAt))
                .flatMap(Optional::stream).min(Instant::compareTo).orElse(Instant.MAX);
        HostTimeline host = instance.host();
        List<Double> cores = host.values(host.samples::cpuCores, host.samples.firstAtOrAfter(steady),
                host.samples.firstAtOrAfter(firstFailure));
        if (cores.isEmpty()) {
            cores = host.values(host.samples::cpuCores, 0, host.samples.size());
        }
        return Optional.ofNullable(Stats.median(cores));
    }

    private record Saturated(int instance, int participants, double cores, double limit) {
        double coresPerParticipant() {
            return cores / participants;
        }

        String describe() {
            return "instance " + instance + " saturated its " + Format.cores(limit) + "-CPU limit with "
                    + participants + " participant" + (participants == 1 ? "" : "s");
        }
    }

    /** The saturated instance that proves the highest cost per participant. */
    private static Optional<Saturated> worstSaturation(RunData run, List<Fault> faults) {
        return faults.stream().filter(f -> f.kind().equals("GENERATOR_SATURATED")).map(f -> {
            InstanceData instance = run.instance(f.instance());
            HostTimeline host = instance.host();
            List<Double> cores = host.values(host.samples::cpuCores, host.samples.firstAtOrAfter(f.from()),
                    host.samples.firstAtOrAfter(f.to()));
            return new Saturated(f.instance(), instance.assignment().participants().size(),
                    Optional.ofNullable(Stats.median(cores)).orElse(instance.host().cpuLimitCores),
                    instance.host().cpuLimitCores);
        }).filter(s -> s.participants > 0).max((x, y) -> Double.compare(x.coresPerParticipant(), y.coresPerParticipant()));
    }

    private static Verdict.Capacity unknown(String why) {
        return new Verdict.Capacity(null, null, null, why);
    }
}
