package io.meetload.instance;

import java.time.Instant;
import java.util.List;

/**
 * What one instance saw, schema 1: raw samples and events, no percentiles (the coordinator
 * computes those once, over all instances). Written to a file and posted to the coordinator.
 *
 * @param planDigest SHA-256 of the plan's canonical JSON, so a report is never applied to another plan
 * @param endReason why the instance stopped: COMPLETED, SIGTERM, ERROR
 */
public record InstanceReport(int schema, String run, String planDigest, int index, int count,
                             Instant startedAt, Instant endedAt, String endReason,
                             List<ParticipantInfo> participants, List<ParticipantEvent> events,
                             List<ParticipantSample> participantSamples, List<HostSample> hostSamples) {
    public static final int SCHEMA = 1;
}
