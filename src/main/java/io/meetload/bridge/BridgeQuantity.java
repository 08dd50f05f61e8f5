package io.meetload.bridge;

import io.meetload.plan.RunPlan.MetricFamily;

/**
 * The bridge quantities the verdict reads, and the metric behind each in both exporters. Series
 * of several bridges (or pods) are reduced with max(): the verdict wants the most stressed bridge.
 */
public enum BridgeQuantity {
    /** Stress, 0..1 (may pass 1): the bridge's own load estimate. */
    STRESS("jitsi_jvb_stress", "jitsi_stress_level", 1),
    /** Endpoints (participants) on the bridge. */
    PARTICIPANTS("jitsi_jvb_current_endpoints", "jitsi_participants", 1),
    /** Media the bridge receives, bits per second (the systemli exporter gives kbps). */
    RECEIVE_BPS("jitsi_jvb_incoming_bitrate", "jitsi_bit_rate_download", 1000),
    /** Media the bridge sends, bits per second (the systemli exporter gives kbps). */
    SEND_BPS("jitsi_jvb_outgoing_bitrate", "jitsi_bit_rate_upload", 1000),
    /** Incoming packet loss as the exporter gives it (the bridge's own: a fraction, 0..1). */
    LOSS_RATIO("jitsi_jvb_incoming_loss_fraction", "jitsi_loss_rate_download", 1);

    private final String jvb;
    private final String systemli;
    private final int systemliScale;

    BridgeQuantity(String jvb, String systemli, int systemliScale) {
        this.jvb = jvb;
        this.systemli = systemli;
        this.systemliScale = systemliScale;
    }

    public String metric(MetricFamily family) {
        return family == MetricFamily.SYSTEMLI ? systemli : jvb;
    }

    /**
     * The PromQL for this quantity: {@code max(metric{selector})}, scaled to base units.
     *
     * @param selector a label matcher like {@code {job="jvb"}}, or empty/null for none
     */
    public String query(MetricFamily family, String selector) {
        String query = "max(" + metric(family) + (selector == null ? "" : selector.strip()) + ")";
        int scale = family == MetricFamily.SYSTEMLI ? systemliScale : 1;
        return scale == 1 ? query : query + " * " + scale;
    }
}
