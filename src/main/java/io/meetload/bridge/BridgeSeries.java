package io.meetload.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The bridge's metrics over a run window, read from Prometheus: one series of points per
 * quantity (STRESS, PARTICIPANTS, RECEIVE_BPS, SEND_BPS, LOSS_RATIO), and the quantities that
 * could not be read, with why.
 */
public record BridgeSeries(String source, Map<String, List<Point>> series, Map<String, String> errors) {

    public record Point(Instant at, double value) {
    }
}
