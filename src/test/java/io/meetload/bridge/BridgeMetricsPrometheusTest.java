package io.meetload.bridge;

import io.meetload.testing.LocalPrometheus;

import com.sun.net.httpserver.HttpServer;
import io.meetload.plan.RunPlan;
import io.meetload.plan.RunPlan.MetricFamily;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * BridgeMetrics against a real Prometheus (Debian's {@code prometheus} package) that scrapes a small
 * HTTP server serving both exporters' metric names, every second, with values that rise for the
 * first scrapes and then hold, so the maxima are known.
 */
class BridgeMetricsPrometheusTest {

    /** Values rise with each scrape up to this many, then hold. */
    private static final int RISE = 5;

    private static final AtomicInteger scrapes = new AtomicInteger();
    private static HttpServer exporter;
    private static LocalPrometheus prometheus;
    private static Path dir;
    private static String prometheusUrl;
    private static Instant started;

    @BeforeAll
    static void startPrometheus() throws Exception {
        started = Instant.now().minusSeconds(5);
        dir = Files.createTempDirectory("meetload-prometheus-");
        exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exporter.createContext("/metrics", exchange -> {
            byte[] body = metrics(Math.min(scrapes.incrementAndGet(), RISE)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        exporter.start();
        prometheus = LocalPrometheus.start(dir, "bridge", exporter.getAddress().getPort(), "/metrics");
        prometheusUrl = prometheus.url().toString();
        // held values for a few scrapes: every step of the range query then sees the maximum
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> storedPoints() >= RISE + 3);
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.stop(0);
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Two bridges (a and b) in the jvb family, one systemli exporter; n is 1..RISE. */
    private static String metrics(int n) {
        StringBuilder s = new StringBuilder();
        s.append("# TYPE jitsi_jvb_stress gauge\n");
        s.append("jitsi_jvb_stress{bridge=\"a\"} ").append(0.1 * n).append('\n');
        s.append("jitsi_jvb_stress{bridge=\"b\"} ").append(0.15 * n).append('\n');
        s.append("jitsi_jvb_current_endpoints{bridge=\"a\"} ").append(2 * n).append('\n');
        s.append("jitsi_jvb_current_endpoints{bridge=\"b\"} ").append(n).append('\n');
        s.append("jitsi_jvb_incoming_bitrate{bridge=\"a\"} ").append(1_000_000 * n).append('\n');
        s.append("jitsi_jvb_outgoing_bitrate{bridge=\"a\"} ").append(2_000_000 * n).append('\n');
        s.append("jitsi_jvb_incoming_loss_fraction{bridge=\"a\"} ").append(0.01 * n).append('\n');
        s.append("jitsi_stress_level ").append(0.2 * n).append('\n');
        s.append("jitsi_participants ").append(3 * n).append('\n');
        s.append("jitsi_bit_rate_download ").append(1000 * n).append('\n');
        s.append("jitsi_bit_rate_upload ").append(2000 * n).append('\n');
        s.append("jitsi_loss_rate_download ").append(0.02 * n).append('\n');
        return s.toString();
    }

    private final BridgeMetrics metrics = new BridgeMetrics(Duration.ofSeconds(1), Duration.ofSeconds(10));

    private BridgeSeries read(MetricFamily family, String selector) {
        return metrics.read(new RunPlan.Bridge(prometheusUrl, family, selector), started, Instant.now());
    }

    @Test
    void theJvbFamilyGivesTheMaximaOverBothBridges() {
        BridgeSeries series = read(MetricFamily.JVB, "");

        assertEquals(java.util.Map.of(), series.errors());
        assertEquals(0.15 * RISE, max(series, "STRESS"), 1e-9);
        assertEquals(2.0 * RISE, max(series, "PARTICIPANTS"), 1e-9);
        assertEquals(1e6 * RISE, max(series, "RECEIVE_BPS"), 1e-3);
        assertEquals(2e6 * RISE, max(series, "SEND_BPS"), 1e-3);
        assertEquals(0.01 * RISE, max(series, "LOSS_RATIO"), 1e-9);
        assertTrue(series.series().get("STRESS").size() >= RISE, () -> "points: " + series.series().get("STRESS"));
        assertTrue(min(series, "STRESS") < 0.15 * RISE, "the values changed during the test");
    }

    @Test
    void theSelectorNarrowsTheSeries() {
        BridgeSeries series = read(MetricFamily.JVB, "{bridge=\"a\",job=\"bridge\"}");

        assertEquals(0.1 * RISE, max(series, "STRESS"), 1e-9);
        assertEquals(2.0 * RISE, max(series, "PARTICIPANTS"), 1e-9);
    }

    @Test
    void theSystemliFamilyGivesItsMaximaInBaseUnits() {
        BridgeSeries series = read(MetricFamily.SYSTEMLI, null);

        assertEquals(java.util.Map.of(), series.errors());
        assertEquals(0.2 * RISE, max(series, "STRESS"), 1e-9);
        assertEquals(3.0 * RISE, max(series, "PARTICIPANTS"), 1e-9);
        assertEquals(1000.0 * 1000 * RISE, max(series, "RECEIVE_BPS"), 1e-3);
        assertEquals(2000.0 * 1000 * RISE, max(series, "SEND_BPS"), 1e-3);
        assertEquals(0.02 * RISE, max(series, "LOSS_RATIO"), 1e-9);
    }

    @Test
    void aSelectorThatMatchesNothingIsAnErrorPerQuantity() {
        BridgeSeries series = read(MetricFamily.JVB, "{bridge=\"nope\"}");

        assertEquals(java.util.Set.of("STRESS", "PARTICIPANTS", "RECEIVE_BPS", "SEND_BPS", "LOSS_RATIO"),
                series.errors().keySet());
        assertEquals("no data for max(jitsi_jvb_stress{bridge=\"nope\"}) over the run (is the metric scraped, "
                + "is the selector right?)", series.errors().get("STRESS"));
        assertTrue(series.series().isEmpty());
    }

    @Test
    void aBadQueryIsPrometheussOwnError() {
        BridgeSeries series = read(MetricFamily.JVB, "{bridge=}");

        assertTrue(series.errors().get("STRESS").startsWith("HTTP 400, Prometheus said bad_data: "),
                series.errors().get("STRESS"));
    }

    @Test
    void anUnreachablePrometheusIsAnErrorNeverAnException() throws IOException {
        String closed = "http://127.0.0.1:" + freePort();
        BridgeSeries series = metrics.read(new RunPlan.Bridge(closed, MetricFamily.JVB, ""), started, Instant.now());

        assertEquals(5, series.errors().size());
        assertTrue(series.errors().get("STRESS").startsWith("GET " + closed + " failed: "), series.errors().get("STRESS"));

        BridgeSeries bad = metrics.read(new RunPlan.Bridge("not a url", MetricFamily.JVB, ""), started, Instant.now());
        assertEquals("prometheusUrl: not a URL, was \"not a url\"", bad.errors().get("STRESS"));
    }

    private static double max(BridgeSeries series, String quantity) {
        List<BridgeSeries.Point> points = series.series().get(quantity);
        assertTrue(points != null && !points.isEmpty(), () -> quantity + ": no points; errors " + series.errors());
        return points.stream().mapToDouble(BridgeSeries.Point::value).max().orElseThrow();
    }

    private static double min(BridgeSeries series, String quantity) {
        return series.series().get(quantity).stream().mapToDouble(BridgeSeries.Point::value).min().orElseThrow();
    }

    /** Samples Prometheus holds of the stress of bridge b (0 until it has scraped). */
    private static int storedPoints() throws Exception {
        String query = java.net.URLEncoder.encode("count_over_time(jitsi_jvb_stress{bridge=\"b\"}[10m])",
                StandardCharsets.UTF_8);
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(prometheusUrl + "/api/v1/query?query=" + query)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYetListening) {
            return 0;
        }
        var result = io.meetload.instance.Json.MAPPER.readTree(response.body()).path("data").path("result");
        return result.isEmpty() ? 0 : Integer.parseInt(result.get(0).path("value").get(1).asText());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
