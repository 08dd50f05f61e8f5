package io.meetload.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.instance.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a Prometheus {@code query_range} answer: the points of its one series, or why there are none. */
final class PrometheusMatrix {

    /** Points, or an error in words (never both). */
    record Result(List<BridgeSeries.Point> points, String error) {
        static Result failed(String error) {
            return new Result(List.of(), error);
        }
    }

    private PrometheusMatrix() {
    }

    static Result parse(int httpStatus, String body, String query) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Result.failed("HTTP " + httpStatus + ", not a Prometheus answer: " + abbreviate(body));
        }
        if (root == null || root.isMissingNode()) {
            return Result.failed("HTTP " + httpStatus + ", empty answer");
        }
        if (!"success".equals(root.path("status").asText())) {
            return Result.failed("HTTP " + httpStatus + ", Prometheus said " + root.path("errorType").asText("?")
                    + ": " + root.path("error").asText(abbreviate(body)));
        }
        JsonNode result = root.path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return Result.failed("no data for " + query + " over the run (is the metric scraped, is the selector right?)");
        }
        List<BridgeSeries.Point> points = new ArrayList<>();
        for (JsonNode series : result) {
            for (JsonNode pair : series.path("values")) {
                double value = parseValue(pair.path(1).asText());
                if (!Double.isNaN(value) && !Double.isInfinite(value)) {
                    long millis = Math.round(pair.path(0).asDouble() * 1000);
                    points.add(new BridgeSeries.Point(Instant.ofEpochMilli(millis), value));
                }
            }
        }
        if (points.isEmpty()) {
            return Result.failed("only NaN values for " + query + " over the run");
        }
        points.sort((a, b) -> a.at().compareTo(b.at()));
        return new Result(List.copyOf(points), null);
    }

    private static double parseValue(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
