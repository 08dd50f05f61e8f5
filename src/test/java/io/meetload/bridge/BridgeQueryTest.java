package io.meetload.bridge;

import io.meetload.plan.RunPlan.MetricFamily;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The queries and the answer parsing, without a Prometheus (the real one is in BridgeMetricsPrometheusTest). */
class BridgeQueryTest {

    @Test
    void jvbQueriesTakeTheMaxOverSeriesWithTheSelector() {
        assertEquals("max(jitsi_jvb_stress{job=\"jvb\"})", BridgeQuantity.STRESS.query(MetricFamily.JVB, "{job=\"jvb\"}"));
        assertEquals("max(jitsi_jvb_current_endpoints)", BridgeQuantity.PARTICIPANTS.query(MetricFamily.JVB, ""));
        assertEquals("max(jitsi_jvb_incoming_bitrate)", BridgeQuantity.RECEIVE_BPS.query(MetricFamily.JVB, null));
        assertEquals("max(jitsi_jvb_outgoing_bitrate)", BridgeQuantity.SEND_BPS.query(MetricFamily.JVB, null));
        assertEquals("max(jitsi_jvb_incoming_loss_fraction)", BridgeQuantity.LOSS_RATIO.query(MetricFamily.JVB, null));
    }

    @Test
    void systemliBitratesTurnFromKbpsIntoBps() {
        assertEquals("max(jitsi_stress_level)", BridgeQuantity.STRESS.query(MetricFamily.SYSTEMLI, ""));
        assertEquals("max(jitsi_participants)", BridgeQuantity.PARTICIPANTS.query(MetricFamily.SYSTEMLI, ""));
        assertEquals("max(jitsi_bit_rate_download{a=\"b\"}) * 1000",
                BridgeQuantity.RECEIVE_BPS.query(MetricFamily.SYSTEMLI, "{a=\"b\"}"));
        assertEquals("max(jitsi_bit_rate_upload) * 1000", BridgeQuantity.SEND_BPS.query(MetricFamily.SYSTEMLI, ""));
        assertEquals("max(jitsi_loss_rate_download)", BridgeQuantity.LOSS_RATIO.query(MetricFamily.SYSTEMLI, ""));
    }

    @Test
    void aMatrixGivesItsPointsInTimeOrderWithoutNaN() {
        String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                + "\"values\":[[1700000001.5,\"0.3\"],[1700000000,\"0.2\"],[1700000002,\"NaN\"]]}]}}";

        PrometheusMatrix.Result result = PrometheusMatrix.parse(200, body, "q");
        assertNull(result.error());
        assertEquals(List.of(new BridgeSeries.Point(Instant.ofEpochSecond(1700000000), 0.2),
                new BridgeSeries.Point(Instant.ofEpochMilli(1700000001500L), 0.3)), result.points());
    }

    @Test
    void everyOtherAnswerIsAnErrorThatSaysWhy() {
        assertEquals("no data for max(x) over the run (is the metric scraped, is the selector right?)",
                PrometheusMatrix.parse(200, "{\"status\":\"success\",\"data\":{\"result\":[]}}", "max(x)").error());
        assertEquals("HTTP 400, Prometheus said bad_data: parse error",
                PrometheusMatrix.parse(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}",
                        "q").error());
        assertEquals("HTTP 502, not a Prometheus answer: <html>bad gateway</html>",
                PrometheusMatrix.parse(502, "<html>bad gateway</html>", "q").error());
        assertEquals("HTTP 200, empty answer", PrometheusMatrix.parse(200, "", "q").error());
    }

    @Test
    void theStepGrowsSoALongRunFitsPrometheusPointsLimit() {
        Instant from = Instant.parse("2026-12-04T00:00:00Z");
        assertEquals(Duration.ofSeconds(15), BridgeMetrics.effectiveStep(from, from.plus(Duration.ofHours(1)),
                Duration.ofSeconds(15)));
        Duration step = BridgeMetrics.effectiveStep(from, from.plus(Duration.ofDays(3)), Duration.ofSeconds(15));
        assertEquals(24, step.toSeconds());
    }
}
