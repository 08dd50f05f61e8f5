package io.meetload.bridge;

import io.meetload.plan.RunPlan;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the bridge's metrics over a run window through Prometheus's HTTP API
 * ({@code /api/v1/query_range}), one query per {@link BridgeQuantity}. Never throws: a quantity
 * that cannot be read is an entry in {@link BridgeSeries#errors()} saying why, so the verdict is
 * never lost to an unreachable Prometheus.
 */
@Singleton
public class BridgeMetrics {

    /** Prometheus refuses a range query of more points than this per series. */
    static final long MAX_POINTS = 11_000;

    private final HttpClient http;
    private final Duration step;
    private final Duration timeout;

    @Inject
    public BridgeMetrics(BridgeConfig config) {
        this(config.step(), config.timeout());
    }

    public BridgeMetrics(Duration step, Duration timeout) {
        this.step = step;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public BridgeSeries read(RunPlan.Bridge bridge, Instant from, Instant to) {
        return read(bridge, from, to, step);
    }

    public BridgeSeries read(RunPlan.Bridge bridge, Instant from, Instant to, Duration step) {
        Map<String, List<BridgeSeries.Point>> series = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (BridgeQuantity quantity : BridgeQuantity.values()) {
            String query = quantity.query(bridge.family(), bridge.selector());
            PrometheusMatrix.Result result;
            try {
                result = query(bridge.prometheusUrl(), query, from, to, effectiveStep(from, to, step));
            } catch (RuntimeException e) {
                result = PrometheusMatrix.Result.failed(query + ": " + e);
            }
            if (result.error() == null) {
                series.put(quantity.name(), result.points());
            } else {
                errors.put(quantity.name(), result.error());
            }
        }
        return new BridgeSeries("prometheus", Map.copyOf(series), Map.copyOf(errors));
    }

    private PrometheusMatrix.Result query(String prometheusUrl, String query, Instant from, Instant to, Duration step) {
        URI uri;
        try {
            uri = URI.create(prometheusUrl.replaceAll("/+$", "") + "/api/v1/query_range?query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8)
                    + "&start=" + seconds(from) + "&end=" + seconds(to) + "&step=" + seconds(step));
        } catch (IllegalArgumentException e) {
            return PrometheusMatrix.Result.failed("prometheusUrl: not a URL, was \"" + prometheusUrl + "\"");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return PrometheusMatrix.parse(response.statusCode(), response.body(), query);
        } catch (IOException e) {
            return PrometheusMatrix.Result.failed("GET " + prometheusUrl + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PrometheusMatrix.Result.failed("interrupted while reading " + query);
        }
    }

    /** The step, raised (to whole seconds) so that the window fits Prometheus's points limit. */
    static Duration effectiveStep(Instant from, Instant to, Duration step) {
        long windowMillis = Math.max(0, Duration.between(from, to).toMillis());
        long minimum = (windowMillis + MAX_POINTS * 1000 - 1) / (MAX_POINTS * 1000) * 1000;
        long millis = Math.max(Math.max(step.toMillis(), minimum), 1);
        return Duration.ofMillis(millis);
    }

    private static String seconds(Instant at) {
        return java.math.BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3).toPlainString();
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis()).movePointLeft(3).toPlainString();
    }
}
