package io.meetload.coordinator;

import io.meetload.instance.HostSample;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantSample;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A report as the coordinator keeps it in memory until the verdict: the same, with equal values
 * shared. Parsed, each of a report's thousands of samples holds its own copy of the few values
 * that repeat (its participant's id, the ICE state, the video size and frame rate, a loss of 0,
 * the instance's CPU and memory limits); shared, a thousand one-hour reports take about half
 * the heap. Values that differ from sample to sample (times, rates, counters) are left alone.
 */
final class CompactReport {

    private final Map<Object, Object> pool = new HashMap<>();

    private CompactReport() {
    }

    static InstanceReport of(InstanceReport r) {
        CompactReport c = new CompactReport();
        return new InstanceReport(r.schema(), r.run(), r.planDigest(), r.index(), r.count(), r.startedAt(),
                r.endedAt(), r.endReason(), r.participants(), r.events(),
                r.participantSamples() == null ? null : c.participantSamples(r.participantSamples()),
                r.hostSamples() == null ? null : c.hostSamples(r.hostSamples()));
    }

    private List<ParticipantSample> participantSamples(List<ParticipantSample> samples) {
        return samples.stream().map(s -> s == null ? null : new ParticipantSample(s.at(), shared(s.participant()),
                s.state(), shared(s.remoteParticipants()), s.receiveBitsPerSecond(), s.sendBitsPerSecond(),
                shared(s.packetLossRatio()), shared(s.receiveFramesPerSecond()), shared(s.receiveWidth()),
                shared(s.receiveHeight()), shared(s.ice()), s.bytesReceived(), s.framesReceived())).toList();
    }

    private List<HostSample> hostSamples(List<HostSample> samples) {
        return samples.stream().map(s -> s == null ? null : new HostSample(s.at(), s.cpuCores(),
                shared(s.cpuLimitCores()), s.cpuRatio(), s.memoryBytes(), shared(s.memoryLimitBytes()), s.oomKills(),
                s.browserCpuCores(), s.browserMemoryBytes(), s.browserProcesses())).toList();
    }

    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        if (value == null) {
            return null;
        }
        Object before = pool.putIfAbsent(value, value);
        return before == null ? value : (T) before;
    }
}
