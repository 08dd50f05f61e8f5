package io.meetload.plan;

import java.time.Duration;
import java.util.Optional;

/**
 * A run plan, schema 1: the input contract. Immutable and valid by construction: only
 * {@link PlanParser} builds one from outside input, after every rule has been checked.
 *
 * @param participants all participants of all rooms together
 * @param videoSenders how many of them send video (the rest receive only)
 * @param audioSenders how many of them send audio
 * @param instances how many worker instances share the participants
 */
public record RunPlan(
        int schema,
        String name,
        Target target,
        int rooms,
        int participants,
        int videoSenders,
        int audioSenders,
        int instances,
        Duration duration,
        Duration rampUp,
        Video video,
        Media media,
        InstanceSize instanceSize,
        Thresholds thresholds,
        Optional<Bridge> bridge) {

    public static final int SCHEMA = 1;

    /** Where the participants go. {@code room} is a name (jitsi) or a number (janus). */
    public record Target(Driver driver, String url, String room) {
    }

    public enum Driver {
        JITSI, JANUS;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The video each sender sends. */
    public record Video(int width, int height, int fps) {
        public static final Video DEFAULT = new Video(1280, 720, 30);
    }

    /** Optional media files for the fake devices; empty means Chromium's built-in fake device. */
    public record Media(Optional<String> videoFile, Optional<String> audioFile) {
        public static final Media BUILT_IN = new Media(Optional.empty(), Optional.empty());
    }

    /** The resources of one instance (a pod's requests = limits), as Kubernetes quantities. */
    public record InstanceSize(String cpu, String memory, double cpuCores, long memoryBytes) {
    }

    /** What the service must hold. */
    public record Thresholds(double minReceiveBitrateKbps, double maxPacketLossRatio,
                             double maxGeneratorCpuRatio, double minReceiveFps) {
        public static final Thresholds DEFAULT = new Thresholds(100, 0.05, 0.9, 0);
    }

    /** Optional: where the bridge's own metrics are (Prometheus), read for the verdict. */
    public record Bridge(String prometheusUrl, MetricFamily family, String selector) {
    }

    public enum MetricFamily {
        /** jitsi-videobridge's own /metrics, prefix {@code jitsi_jvb_}. */
        JVB,
        /** systemli/prometheus-jitsi-meet-exporter, prefix {@code jitsi_}. */
        SYSTEMLI
    }

    /**
     * The room of room number {@code r} (1-based): the target room itself when there is one room;
     * otherwise {@code ROOM-r} for Jitsi, and the numeric room {@code ROOM + r - 1} for Janus
     * (videoroom ids are numbers).
     */
    public String roomName(int r) {
        if (rooms == 1) {
            return target.room();
        }
        return target.driver() == Driver.JANUS
                ? String.valueOf(Long.parseLong(target.room()) + r - 1)
                : target.room() + "-" + r;
    }

    /** Ramp-up + duration: how long a participant that joins last stays. */
    public Duration totalDuration() {
        return rampUp.plus(duration);
    }
}
