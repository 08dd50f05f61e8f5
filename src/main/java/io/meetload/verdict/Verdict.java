package io.meetload.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verdict, schema 1: the output contract (see README). Built only by {@link VerdictEngine}.
 */
public record Verdict(int schema, String run, String plan, Status status, Instant startedAt, Instant endedAt,
                      List<Reason> reasons, List<Reason> warnings, List<ParticipantSummary> participants,
                      List<InstanceSummary> instances, Capacity capacity, Optional<BridgeSummary> bridge) {

    public static final int SCHEMA = 1;

    public enum Status {
        PASS(0), FAIL(1), INCONCLUSIVE(2);

        /** The CLI's exit code for this status. */
        public final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    /** Who is to blame for a failure. */
    public enum Attribution { SERVICE, GENERATOR, HARNESS }

    /**
     * One reason (or warning) with its evidence.
     *
     * @param kind e.g. JOIN_FAILED, DROPPED, NO_MEDIA, LOW_BITRATE, PACKET_LOSS, LOW_FRAME_RATE,
     *             GENERATOR_SATURATED, GENERATOR_MEMORY, OOM_KILLED, BROWSER_CRASHED, INSTANCE_LOST,
     *             REPORT_MISSING, JOIN_UNFINISHED, CANCELLED
     * @param instance the instance, when there is one
     * @param participant the participant, when there is one
     * @param runMinute "mm:ss" since the run started
     */
    public record Reason(String kind, Attribution attribution, Integer instance, String participant,
                         Instant at, String runMinute, String message) {
    }

    public record Percentiles(Double p5, Double p50, Double p95, Double max) {
    }

    public record ParticipantSummary(String id, int instance, String room, boolean video, boolean audio,
                                     String finalState, Instant joinedAt, Instant mediaAt, Instant droppedAt,
                                     String dropReason, Percentiles receiveKbps, Double maxPacketLossRatio,
                                     Percentiles receiveFps) {
    }

    /**
     * @param outcome REPORTED, LOST, OOM_KILLED, EVICTED, NOT_STARTED, CANCELLED
     * @param saturatedSeconds seconds with the CPU ratio at or over the plan's limit
     */
    public record InstanceSummary(int index, Double cpuLimit, Percentiles cpuRatio, long saturatedSeconds,
                                  Long memoryBytesMax, Long memoryLimitBytes, String outcome,
                                  int participants, int videoSenders) {
    }

    /**
     * @param cpuPerReceiver cores one receive-only participant costs on this instance size
     * @param cpuPerSender cores one sending participant costs
     * @param safeParticipantsPerInstance how many participants (of this plan's mix) one instance of
     *                                    this size holds with 20 % headroom
     */
    public record Capacity(Double cpuPerReceiver, Double cpuPerSender, Integer safeParticipantsPerInstance,
                           String advice) {
    }

    public record BridgeSummary(String source, Double stressMax, Double participantsMax,
                                Double receiveBitsPerSecondMax, Double lossRatioMax,
                                Map<String, String> errors) {
    }
}
