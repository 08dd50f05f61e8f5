package io.meetload.coordinator;

import io.meetload.instance.HostSample;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.launch.InstanceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's live progress, from its state and the latest heartbeats: pure (time is passed in).
 *
 * @param participants planned participants, all instances together
 * @param byState participants by state, summed over the instances' latest heartbeats
 * @param joined participants joined now (JOINED or MEDIA_FLOWING)
 * @param failed participants in a failed final state (dropped, failed to join, crashed, no media)
 * @param timeLeftSeconds until the planned end (start + ramp-up + duration); null when not running
 */
public record RunProgress(int participants, Map<ParticipantState, Integer> byState, int joined, int failed,
                          Long timeLeftSeconds, List<InstanceProgressView> instances) {

    /**
     * @param heartbeatAgeSeconds seconds since the last heartbeat; null when none came yet
     * @param silent no heartbeat for longer than the heartbeat timeout
     * @param running as the launcher last saw it; null when not known
     * @param ended how it ended, when the launcher saw it end
     */
    public record InstanceProgressView(int index, Instant lastHeartbeatAt, Long heartbeatAgeSeconds, boolean silent,
                                       Double cpuRatio, Double cpuLimitCores, Long memoryBytes, int participants,
                                       boolean reported, Boolean running, String ended) {
    }

    public static RunProgress of(RunState state, Instant plannedEnd, Map<Integer, InstanceStatus> launcher, Set<Integer> reported,
                                 Instant now, Duration heartbeatTimeout) {
        Map<ParticipantState, Integer> byState = new EnumMap<>(ParticipantState.class);
        List<InstanceProgressView> instances = new ArrayList<>();
        for (int i = 0; i < state.instances(); i++) {
            RunState.InstanceProgress p = state.progress().get(i);
            List<ParticipantSample> samples = p == null || p.participants() == null ? List.of() : p.participants();
            for (ParticipantSample s : samples) {
                if (s != null && s.state() != null) {
                    byState.merge(s.state(), 1, Integer::sum);
                }
            }
            Instant last = p == null ? null : p.lastHeartbeatAt();
            Long age = last == null ? null : Math.max(0, Duration.between(last, now).toSeconds());
            Instant silentSince = last != null ? last : state.startedAt();
            boolean silent = state.status() == RunStatus.RUNNING && !reported.contains(i) && silentSince != null
                    && Duration.between(silentSince, now).compareTo(heartbeatTimeout) > 0;
            HostSample host = p == null ? null : p.host();
            InstanceStatus status = launcher.get(i);
            instances.add(new InstanceProgressView(i, last, age, silent,
                    host == null ? null : host.cpuRatio(), host == null ? null : host.cpuLimitCores(),
                    host == null ? null : host.memoryBytes(), samples.size(), reported.contains(i),
                    status == null ? null : status.running(),
                    status == null ? null : status.ended().map(f -> f.message()).orElse(null)));
        }
        int joined = byState.getOrDefault(ParticipantState.JOINED, 0) + byState.getOrDefault(ParticipantState.MEDIA_FLOWING, 0);
        int failed = byState.entrySet().stream().filter(e -> e.getKey().isFailure()).mapToInt(Map.Entry::getValue).sum();
        Long timeLeft = plannedEnd == null || state.status() != RunStatus.RUNNING ? null
                : Math.max(0, Duration.between(now, plannedEnd).toSeconds());
        return new RunProgress(state.participants(), byState, joined, failed, timeLeft, instances);
    }
}
