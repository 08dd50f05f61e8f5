package io.meetload.worker;

import io.meetload.instance.HostSample;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The worker's Prometheus metrics ({@code /q/metrics}): Prometheus names, base units, labels
 * {@code run}, {@code instance}, and {@code participant} only where bounded (an instance drives
 * a handful). A value the page did not give is NaN, which Prometheus shows as missing data
 * rather than a misleading zero.
 */
final class WorkerMetrics {

    private final MeterRegistry registry;
    private final Tags instanceTags;
    private final Map<ParticipantState, AtomicReference<Double>> byState = new EnumMap<>(ParticipantState.class);
    private final Map<String, AtomicReference<ParticipantSample>> latest = new ConcurrentHashMap<>();
    private final AtomicReference<HostSample> host = new AtomicReference<>();

    WorkerMetrics(MeterRegistry registry, String run, int instance) {
        this.registry = registry;
        this.instanceTags = Tags.of("run", run, "instance", String.valueOf(instance));
        for (ParticipantState state : ParticipantState.values()) {
            AtomicReference<Double> count = new AtomicReference<>(0.0);
            byState.put(state, count);
            Gauge.builder("meetload.participants", count, AtomicReference::get)
                    .description("Participants of this instance by state")
                    .tags(instanceTags.and("state", state.name()))
                    .register(registry);
        }
        hostGauge("meetload.instance.cpu.ratio", "CPU used against the container's limit (or the host's cores), 0..1",
                HostSample::cpuRatio);
        hostGauge("meetload.instance.cpu.cores", "CPU cores used by the container", HostSample::cpuCores);
        hostGauge("meetload.instance.cpu.limit.cores", "The container's CPU limit in cores (NaN: none)",
                h -> h.cpuLimitCores() == null ? Double.NaN : h.cpuLimitCores());
        hostGauge("meetload.instance.memory.bytes", "Memory used by the container", h -> (double) h.memoryBytes());
        hostGauge("meetload.instance.memory.limit.bytes", "The container's memory limit (NaN: none)",
                h -> h.memoryLimitBytes() == null ? Double.NaN : h.memoryLimitBytes().doubleValue());
        hostGauge("meetload.instance.oom.kills", "OOM kills in the container since it started",
                h -> (double) h.oomKills());
        hostGauge("meetload.browser.cpu.cores", "CPU cores used by the browsers' process trees", HostSample::browserCpuCores);
        hostGauge("meetload.browser.memory.bytes", "Memory of the browsers' process trees (PSS where readable)",
                h -> (double) h.browserMemoryBytes());
        hostGauge("meetload.browser.processes", "Processes in the browsers' trees", h -> (double) h.browserProcesses());
    }

    private void hostGauge(String name, String help, Function<HostSample, Double> value) {
        Gauge.builder(name, host, ref -> ref.get() == null ? Double.NaN : value.apply(ref.get()))
                .description(help).tags(instanceTags).register(registry);
    }

    void participant(String id) {
        AtomicReference<ParticipantSample> ref = latest.computeIfAbsent(id, k -> new AtomicReference<>());
        Tags tags = instanceTags.and("participant", id);
        participantGauge("meetload.participant.receive.bits.per.second", "Media received, all tracks", ref, tags,
                ParticipantSample::receiveBitsPerSecond);
        participantGauge("meetload.participant.send.bits.per.second", "Media sent, all tracks", ref, tags,
                ParticipantSample::sendBitsPerSecond);
        participantGauge("meetload.participant.packet.loss.ratio", "Received packets lost, 0..1", ref, tags,
                ParticipantSample::packetLossRatio);
        participantGauge("meetload.participant.receive.frames.per.second", "Video frames decoded per second", ref,
                tags, ParticipantSample::receiveFramesPerSecond);
        participantGauge("meetload.participant.remote.participants", "Remote participants the page sees", ref, tags,
                s -> s.remoteParticipants() == null ? null : s.remoteParticipants().doubleValue());
    }

    private void participantGauge(String name, String help, AtomicReference<ParticipantSample> ref, Tags tags,
                                  Function<ParticipantSample, Double> value) {
        Gauge.builder(name, ref, r -> {
            ParticipantSample s = r.get();
            Double v = s == null ? null : value.apply(s);
            return v == null ? Double.NaN : v;
        }).description(help).tags(tags).register(registry);
    }

    void states(Map<ParticipantState, Integer> counts) {
        byState.forEach((state, ref) -> ref.set(counts.getOrDefault(state, 0).doubleValue()));
    }

    void sample(ParticipantSample sample) {
        AtomicReference<ParticipantSample> ref = latest.get(sample.participant());
        if (ref != null) {
            ref.set(sample);
        }
    }

    void host(HostSample sample) {
        host.set(sample);
    }

    void dropped(String reason) {
        Counter.builder("meetload.participant.drops").description("Participants dropped, by the page's reason")
                .tags(instanceTags.and("reason", reason)).register(registry).increment();
    }

    void failed(ParticipantState state) {
        Counter.builder("meetload.participant.failures").description("Participants that ended in a failure state")
                .tags(instanceTags.and("state", state.name())).register(registry).increment();
    }
}
