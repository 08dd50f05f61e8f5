package io.meetload.worker;

import io.meetload.instance.HostSample;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantInfo;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an instance saw, raw: every event and every sample, kept for the report; the
 * latest of each for heartbeats and metrics. Thread-safe: participants and the host sampler
 * write from their own threads.
 */
final class InstanceRecorder implements Participant.Listener {

    private final WorkerMetrics metrics;
    private final List<ParticipantEvent> events = new ArrayList<>();
    private final List<ParticipantSample> samples = new ArrayList<>();
    private final List<HostSample> hostSamples = new ArrayList<>();
    private final Map<String, ParticipantState> states = new LinkedHashMap<>();
    private final Map<String, ParticipantSample> latest = new LinkedHashMap<>();
    private int eventsSent;

    InstanceRecorder(WorkerMetrics metrics, List<ParticipantInfo> participants) {
        this.metrics = metrics;
        for (ParticipantInfo p : participants) {
            states.put(p.id(), ParticipantState.STARTING);
            metrics.participant(p.id());
        }
        metrics.states(counts());
    }

    @Override
    public synchronized void event(ParticipantEvent event) {
        events.add(event);
        states.put(event.participant(), event.to());
        metrics.states(counts());
        if (event.to() == ParticipantState.DROPPED) {
            metrics.dropped(event.reason());
        }
        if (event.to().isFailure()) {
            metrics.failed(event.to());
        }
    }

    @Override
    public synchronized void sample(ParticipantSample sample) {
        samples.add(sample);
        latest.put(sample.participant(), sample);
        metrics.sample(sample);
    }

    synchronized void host(HostSample sample) {
        hostSamples.add(sample);
        metrics.host(sample);
    }

    synchronized Map<ParticipantState, Integer> counts() {
        Map<ParticipantState, Integer> counts = new EnumMap<>(ParticipantState.class);
        states.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    synchronized List<ParticipantSample> latestSamples() {
        return List.copyOf(latest.values());
    }

    synchronized ParticipantState state(String participant) {
        return states.get(participant);
    }

    /** Latest samples, the latest host sample, and the events not sent in a heartbeat yet. */
    synchronized HeartbeatContent nextHeartbeat() {
        List<ParticipantEvent> fresh = List.copyOf(events.subList(eventsSent, events.size()));
        eventsSent = events.size();
        return new HeartbeatContent(List.copyOf(latest.values()),
                hostSamples.isEmpty() ? null : hostSamples.get(hostSamples.size() - 1), fresh);
    }

    /** Puts events back so that the next heartbeat carries them again (this one was not delivered). */
    synchronized void heartbeatFailed(int eventCount) {
        eventsSent = Math.max(0, eventsSent - eventCount);
    }

    record HeartbeatContent(List<ParticipantSample> participants, HostSample host, List<ParticipantEvent> events) {
    }

    synchronized InstanceReport report(String run, String planDigest, int index, int count, Instant startedAt,
                                       Instant endedAt, String endReason, List<ParticipantInfo> participants) {
        return new InstanceReport(InstanceReport.SCHEMA, run, planDigest, index, count, startedAt, endedAt,
                endReason, participants, List.copyOf(events), List.copyOf(samples), List.copyOf(hostSamples));
    }
}
