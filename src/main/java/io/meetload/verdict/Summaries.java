package io.meetload.verdict;

import io.meetload.instance.HostSampleColumns;
import io.meetload.instance.ParticipantSampleColumns;
import io.meetload.instance.ParticipantState;

import java.util.List;

/** Per participant and per instance summaries, percentiles computed once from the raw samples. */
final class Summaries {

    private Summaries() {
    }

    static List<Verdict.ParticipantSummary> participants(RunData run) {
        return run.participants.stream().map(Summaries::participant).toList();
    }

    static Verdict.ParticipantSummary participant(ParticipantData p) {
        ParticipantSampleColumns flowing = p.flowingSamples();
        ParticipantState state = p.finalState().orElse(null);
        boolean dropped = state == ParticipantState.DROPPED;
        double[] loss = Stats.sorted(flowing.size(), flowing::packetLossRatio);
        Double maxLoss = loss.length == 0 ? null : loss[loss.length - 1];
        return new Verdict.ParticipantSummary(p.id(), p.instance(), p.spec().room(), p.spec().video(),
                p.spec().audio(), state == null ? null : state.name(), p.joinedAt().orElse(null),
                p.reached(ParticipantState.MEDIA_FLOWING).orElse(null),
                dropped ? p.enteredAt(ParticipantState.DROPPED).orElse(null) : null,
                dropped ? DropRule.reasonOf(p) : null,
                Stats.percentiles(Stats.sorted(flowing.size(), i -> flowing.receiveBitsPerSecond(i) / 1000.0)),
                maxLoss,
                Stats.percentiles(Stats.sorted(flowing.size(), flowing::receiveFramesPerSecond)));
    }

    static List<Verdict.InstanceSummary> instances(RunData run) {
        double limitRatio = run.plan.thresholds().maxGeneratorCpuRatio();
        return run.instances.stream().map(i -> {
            HostTimeline host = i.host();
            HostSampleColumns samples = host.samples;
            Long memoryMax = null;
            for (int k = 0; k < samples.size(); k++) {
                memoryMax = memoryMax == null ? samples.memoryBytes(k) : Math.max(memoryMax, samples.memoryBytes(k));
            }
            return new Verdict.InstanceSummary(i.index(), host.cpuLimitCores,
                    Stats.percentiles(host.values(samples::cpuRatio, 0, samples.size())),
                    host.seconds(k -> samples.cpuRatio(k) >= limitRatio), memoryMax, host.memoryLimitBytes, i.outcome(),
                    i.assignment().participants().size(), i.videoSenders());
        }).toList();
    }
}
