package io.meetload.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.instance.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A plain HTTP client for tests that must control every byte and header they send (signatures). */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** An answer: status, body, and the message it gives (the error, or a chat answer's text, with every plan error). */
    public record Answer(int status, String body, HttpResponse<String> response) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                return Json.MAPPER.missingNode();
            }
        }

        public String text() {
            return json().path("text").asText("");
        }

        public String message() {
            JsonNode json = json();
            StringBuilder out = new StringBuilder(json.path("error").asText(json.path("text").asText(body)));
            for (JsonNode e : json.path("errors")) {
                out.append(" | ").append(e.path("message").asText());
            }
            return out.toString();
        }
    }

    public static Answer send(String method, URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Answer post(URI url, Map<String, String> headers, byte[] body) {
        return send("POST", url, headers, body);
    }

    public static Answer post(URI url, Map<String, String> headers, String body) {
        return post(url, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Answer get(URI url, Map<String, String> headers) {
        return send("GET", url, headers, null);
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    public static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    // --- slash commands as Slack and Mattermost send them ---

    public static final String FORM = "application/x-www-form-urlencoded";

    /** A slash command's form, as Slack sends it (the response_url left out when null). */
    public static byte[] command(String text, URI responseUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "legacy-verification-token");
        fields.put("team_id", "T0TEST");
        fields.put("team_domain", "meetload-test");
        fields.put("channel_id", "C0TEST");
        fields.put("user_id", "U0TEST");
        fields.put("user_name", "tester");
        fields.put("command", "/meetload");
        fields.put("text", text);
        if (responseUrl != null) {
            fields.put("response_url", responseUrl.toString());
        }
        fields.put("trigger_id", UUID.randomUUID().toString());
        return form(fields);
    }

    public static byte[] form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }

    /** Slack's headers for this body, signed with {@code secret} at {@code timestamp}. */
    public static Map<String, String> slack(String secret, long timestamp, byte[] body) {
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return Map.of("Content-Type", FORM, "X-Slack-Request-Timestamp", Long.toString(timestamp),
                "X-Slack-Signature", "v0=" + Secrets.hmacSha256Hex(secret, signed));
    }

    /** A command signed now with the test profile's signing secret. */
    public static Answer slack(URI base, byte[] body) {
        return post(base.resolve("/api/chatops/slack"),
                slack(SecureTestProfile.SLACK_SECRET, Instant.now().getEpochSecond(), body), body);
    }
}
