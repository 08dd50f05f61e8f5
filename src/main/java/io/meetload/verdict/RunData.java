package io.meetload.verdict;

import io.meetload.instance.HostSample;
import io.meetload.instance.HostSampleColumns;
import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantSampleColumns;
import io.meetload.plan.InstanceAssignment;
import io.meetload.plan.RunPlan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run as the rules see it: every planned instance and participant (from the plan, not from
 * the reports, so a silent one is still counted), each with whatever was reported of it.
 */
final class RunData {

    final VerdictInput input;
    final RunPlan plan;
    final List<InstanceData> instances;
    final List<ParticipantData> participants;
    /** Room to how many of its participants send video, and audio. */
    private final Map<String, int[]> sendersByRoom = new HashMap<>();
    /** When each participant first reached a final state, worked out once each. */
    private final Map<ParticipantData, Optional<Instant>> endedAt = new java.util.IdentityHashMap<>();
    /** Room to its participants: a room's senders are looked up per participant, for thousands of them. */
    private final Map<String, List<ParticipantData>> byRoom = new HashMap<>();

    private RunData(VerdictInput input, List<InstanceData> instances, List<ParticipantData> participants) {
        this.input = input;
        this.plan = input.plan();
        this.instances = instances;
        this.participants = participants;
        for (ParticipantData p : participants) {
            int[] senders = sendersByRoom.computeIfAbsent(p.spec().room(), r -> new int[2]);
            senders[0] += p.spec().video() ? 1 : 0;
            senders[1] += p.spec().audio() ? 1 : 0;
            byRoom.computeIfAbsent(p.spec().room(), r -> new ArrayList<>()).add(p);
        }
    }

    /** Someone else in its room sends video: it should receive video. */
    boolean expectsRemoteVideo(ParticipantData p) {
        return sendersByRoom.get(p.spec().room())[0] - (p.spec().video() ? 1 : 0) > 0;
    }

    /** Someone else in its room sends video or audio: it should receive media at all. */
    boolean expectsRemoteMedia(ParticipantData p) {
        int[] senders = sendersByRoom.get(p.spec().room());
        return expectsRemoteVideo(p) || senders[1] - (p.spec().audio() ? 1 : 0) > 0;
    }

    /**
     * From when the quality of {@code p}'s received media counts: once every sender of its room
     * has media flowing (or the ramp-up is over, if later), plus {@link #QUALITY_SETTLE}, since a
     * receiver still sees partial media while senders are joining and while their bandwidth
     * estimate ramps up. Empty when no sender of the room ever had media.
     */
    Optional<Instant> qualityFrom(ParticipantData p) {
        Instant rampUpOver = input.startedAt() == null ? Instant.MIN : input.startedAt().plus(plan.rampUp());
        return byRoom.get(p.spec().room()).stream()
                .filter(o -> o != p && (o.spec().video() || o.spec().audio()))
                .map(o -> o.enteredAt(io.meetload.instance.ParticipantState.MEDIA_FLOWING))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder())
                .map(t -> (t.isBefore(rampUpOver) ? rampUpOver : t).plus(QUALITY_SETTLE));
    }

    /**
     * Until when the quality of {@code p}'s received media counts: the first moment another sender
     * of its room reached a final state (left at the end of its instance, dropped, crashed). After
     * that a receiver gets less by design (or as a cascade of a failure judged on its own), so a
     * sample taken then says nothing about the service's quality. Empty when every other sender
     * stayed to the end of the data.
     */
    Optional<Instant> qualityUntil(ParticipantData p) {
        return byRoom.get(p.spec().room()).stream()
                .filter(o -> o != p && (o.spec().video() || o.spec().audio()))
                .map(o -> endedAt.computeIfAbsent(o, RunData::endedAt))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
    }

    /** When a participant first reached a final state, by event or by sample. */
    private static Optional<Instant> endedAt(ParticipantData p) {
        return p.reached(s -> s != null && s.isFinal());
    }

    /**
     * The instances whose generator faults may explain a failure: its own; for what a participant
     * received (QualityRule's kinds), also those of the room's other senders, where the media came from.
     */
    java.util.Set<Integer> blamedInstances(Failure failure) {
        java.util.Set<Integer> instances = new java.util.TreeSet<>();
        instances.add(failure.instance());
        if (QualityRule.KINDS.contains(failure.kind()) && failure.participant() != null) {
            participants.stream().filter(p -> p.id().equals(failure.participant())).findFirst()
                    .ifPresent(p -> byRoom.get(p.spec().room()).stream()
                            .filter(o -> o != p && (o.spec().video() || o.spec().audio()))
                            .forEach(o -> instances.add(o.instance())));
        }
        return instances;
    }

    /** How long received media may settle after the last sender of a room started. */
    static final Duration QUALITY_SETTLE = Duration.ofSeconds(10);

    /** The most cameras a participant receives: video senders of the busiest room. */
    int camerasReceived() {
        return sendersByRoom.values().stream().mapToInt(s -> s[0]).max().orElse(0);
    }

    static RunData of(VerdictInput input) {
        RunPlan plan = input.plan();
        List<InstanceData> instances = new ArrayList<>();
        List<ParticipantData> participants = new ArrayList<>();
        for (int i = 0; i < plan.instances(); i++) {
            InstanceAssignment assignment = InstanceAssignment.of(plan, i, plan.instances());
            Optional<InstanceReport> report = Optional.ofNullable(input.reports() == null ? null : input.reports().get(i));
            Optional<InstanceFact> fact = Optional.ofNullable(input.facts() == null ? null : input.facts().get(i));
            // In columns, sorted by time (the coordinator's are already).
            HostSampleColumns host = HostSampleColumns.of(report.map(r -> nullSafe(r.hostSamples())).orElse(List.of()));
            InstanceData instance = new InstanceData(i, assignment, report, fact,
                    new HostTimeline(host, cpuLimit(host, plan), memoryLimit(host, plan)));
            instances.add(instance);
            // In columns, grouped by participant and sorted by time (the coordinator's are already).
            ParticipantSampleColumns samples = ParticipantSampleColumns.of(
                    report.map(r -> nullSafe(r.participantSamples())).orElse(List.of()));
            for (InstanceAssignment.ParticipantSpec spec : assignment.participants()) {
                participants.add(participant(instance, spec, samples));
            }
        }
        return new RunData(input, List.copyOf(instances), List.copyOf(participants));
    }

    private static ParticipantData participant(InstanceData instance, InstanceAssignment.ParticipantSpec spec,
                                               ParticipantSampleColumns reported) {
        if (instance.report().isEmpty()) {
            return new ParticipantData(spec, instance.index(), false, List.of(), reported.of(spec.id()));
        }
        InstanceReport report = instance.report().get();
        List<ParticipantEvent> events = sorted(nullSafe(report.events()).stream()
                .filter(e -> e != null && spec.id().equals(e.participant())).toList(), ParticipantEvent::at);
        ParticipantSampleColumns samples = reported.of(spec.id());
        boolean listed = nullSafe(report.participants()).stream().anyMatch(p -> p != null && spec.id().equals(p.id()));
        return new ParticipantData(spec, instance.index(), listed || !events.isEmpty() || !samples.isEmpty(),
                events, samples);
    }

    /** The CPU limit the instance reported; the plan's instance size when it reported none. */
    private static double cpuLimit(List<HostSample> host, RunPlan plan) {
        return host.stream().map(HostSample::cpuLimitCores).filter(c -> c != null && c > 0)
                .findFirst().orElse(plan.instanceSize().cpuCores());
    }

    /**
     * The memory limit the instance really had, from its own samples; none when it had none (a
     * local process): the plan's size is what a pod asks for, and no kernel enforces it here, so
     * "memory at its limit" cannot be judged against it.
     */
    private static Long memoryLimit(List<HostSample> host, RunPlan plan) {
        return host.stream().map(HostSample::memoryLimitBytes).filter(m -> m != null && m > 0)
                .findFirst().orElse(null);
    }

    InstanceData instance(int index) {
        return instances.get(index);
    }

    /** "mm:ss" since the run started (minutes go past 59); "-mm:ss" before it. */
    String runMinute(Instant at) {
        if (at == null || input.startedAt() == null) {
            return null;
        }
        long seconds = Duration.between(input.startedAt(), at).getSeconds();
        String sign = seconds < 0 ? "-" : "";
        seconds = Math.abs(seconds);
        return String.format("%s%02d:%02d", sign, seconds / 60, seconds % 60);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Sorted by time; an item without a time (or a null item) cannot be placed and is left out. */
    private static <T> List<T> sorted(List<T> list, java.util.function.Function<T, Instant> at) {
        List<T> copy = new ArrayList<>(nullSafe(list).stream().filter(t -> t != null && at.apply(t) != null).toList());
        copy.sort(Comparator.comparing(at));
        return List.copyOf(copy);
    }
}
