package io.meetload.verdict;

import io.meetload.instance.HostSample;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;

import java.util.List;
import java.util.Objects;

/** Per participant and per instance summaries, percentiles computed once from the raw samples. */
final class Summaries {

    private Summaries() {
    }

    static List<Verdict.ParticipantSummary> participants(RunData run) {
        return run.participants.stream().map(Summaries::participant).toList();
    }

    static Verdict.ParticipantSummary participant(ParticipantData p) {
        List<ParticipantSample> flowing = p.flowingSamples();
        ParticipantState state = p.finalState().orElse(null);
        boolean dropped = state == ParticipantState.DROPPED;
        Double maxLoss = flowing.stream().map(ParticipantSample::packetLossRatio).filter(Objects::nonNull)
                .max(Double::compare).orElse(null);
        return new Verdict.ParticipantSummary(p.id(), p.instance(), p.spec().room(), p.spec().video(),
                p.spec().audio(), state == null ? null : state.name(), p.joinedAt().orElse(null),
                p.reached(ParticipantState.MEDIA_FLOWING).orElse(null),
                dropped ? p.enteredAt(ParticipantState.DROPPED).orElse(null) : null,
                dropped ? DropRule.reasonOf(p) : null,
                Stats.percentiles(flowing.stream().map(ParticipantSample::receiveBitsPerSecond)
                        .filter(Objects::nonNull).map(bps -> bps / 1000.0).toList()),
                maxLoss,
                Stats.percentiles(flowing.stream().map(ParticipantSample::receiveFramesPerSecond).toList()));
    }

    static List<Verdict.InstanceSummary> instances(RunData run) {
        double limitRatio = run.plan.thresholds().maxGeneratorCpuRatio();
        return run.instances.stream().map(i -> {
            HostTimeline host = i.host();
            Long memoryMax = host.samples.stream().mapToLong(HostSample::memoryBytes).boxed()
                    .max(Long::compare).orElse(null);
            return new Verdict.InstanceSummary(i.index(), host.cpuLimitCores,
                    Stats.percentiles(host.samples.stream().map(HostSample::cpuRatio).toList()),
                    host.seconds(s -> s.cpuRatio() >= limitRatio), memoryMax, host.memoryLimitBytes, i.outcome(),
                    i.assignment().participants().size(), i.videoSenders());
        }).toList();
    }
}
