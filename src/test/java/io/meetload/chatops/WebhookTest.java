package io.meetload.chatops;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.coordinator.RunService;
import io.meetload.coordinator.RunStore;
import io.meetload.coordinator.TestPlans;
import io.meetload.coordinator.TestReports;
import io.meetload.instance.Json;
import io.meetload.plan.PlanFiles;
import io.meetload.security.Http;
import io.meetload.security.SecureTestProfile;
import io.meetload.testing.LocalReceiver;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Completion webhooks against a local receiver: signed, retried with backoff, never in the way of a run's end. */
@QuarkusTest
@TestProfile(SecureTestProfile.class)
class WebhookTest {

    @Inject
    RunStore store;

    @Inject
    RunService service;

    @TestHTTPResource("/")
    URL url;

    private URI base;
    private LocalReceiver hooks;

    @BeforeEach
    void start() throws URISyntaxException {
        base = url.toURI();
        hooks = LocalReceiver.webhooks();
        hooks.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> service.activeRunCount() == 0);
    }

    private String create() {
        Http.Answer created = Http.post(base.resolve("/api/runs"), Http.bearer(SecureTestProfile.API_TOKEN), TestPlans.json(1, "PT10M"));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private List<LocalReceiver.Received> deliveries(String run) {
        return hooks.received("/hook").stream().filter(r -> r.text().contains("\"run\":\"" + run + "\"")).toList();
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SecureTestProfile.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aFinishedRunIsPostedSignedWithItsSummary() throws Exception {
        String id = create();
        String token = store.readToken(id);
        String digest = PlanFiles.digest(store.readPlan(id));
        Http.post(base.resolve("/api/runs/" + id + "/instances/0/report"), Http.bearer(token),
                TestReports.json(TestReports.report(id, digest, 0, 1, "COMPLETED")));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(id).size() == 1);
        LocalReceiver.Received hook = deliveries(id).get(0);
        assertEquals(hmac(hook.body()), hook.header("X-Meetload-Signature"));
        JsonNode body = Json.MAPPER.readTree(hook.body());
        assertEquals(Instant.parse(body.path("sentAt").asText()).getEpochSecond(), Long.parseLong(hook.header("X-Meetload-Timestamp")));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(hook.header("X-Meetload-Timestamp"))) < 60);
        JsonNode verdict = Json.MAPPER.readTree(store.verdictBytes(id).orElseThrow());
        assertEquals(1, body.path("schema").asInt());
        assertEquals("run.finished", body.path("event").asText());
        assertEquals(id, body.path("run").asText());
        assertEquals(verdict.path("status").asText(), body.path("status").asText());
        assertEquals("DONE", body.path("runStatus").asText());
        assertEquals("coordinator-test", body.path("plan").asText());
        assertEquals(verdict.path("reasons").path(0).path("message").asText(null), body.path("reason").asText(null));
        assertEquals(2, body.path("participants").path("planned").asInt());
        assertEquals(1, body.path("participants").path("joined").asInt());
        assertEquals(0, body.path("participants").path("dropped").asInt());
        assertTrue(body.path("reportUrl").asText().endsWith("/api/runs/" + id + "/report"), body.toString());
        assertTrue(body.path("delivery").asText().matches("[0-9a-f-]{36}"), body.toString());
    }

    @Test
    void aFailingReceiverIsTriedAgainWithGrowingWaitsUntilItTakesIt() throws Exception {
        String id = create();
        hooks.answer("\"run\":\"" + id + "\"", 500, 503, 429);
        Http.post(base.resolve("/api/runs/" + id + "/cancel"), Http.bearer(SecureTestProfile.API_TOKEN), new byte[0]);

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(id).size() == 4);
        List<LocalReceiver.Received> attempts = deliveries(id);
        String delivery = Json.MAPPER.readTree(attempts.get(0).body()).path("delivery").asText();
        for (LocalReceiver.Received attempt : attempts) {
            assertEquals(hmac(attempt.body()), attempt.header("X-Meetload-Signature"), "each attempt is signed");
            assertEquals(delivery, Json.MAPPER.readTree(attempt.body()).path("delivery").asText(), "one delivery, several attempts");
        }
        // backoff 0.2s in the profile: waits of 0.2, 0.4 and 0.8 s at least.
        for (int i = 1; i < attempts.size(); i++) {
            Duration wait = Duration.between(attempts.get(i - 1).at(), attempts.get(i).at());
            Duration least = Duration.ofMillis(200L << (i - 1)).minusMillis(20);
            assertTrue(wait.compareTo(least) >= 0, "attempt " + (i + 1) + " came after " + wait + ", before " + least);
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> deliveries(id).size() == 4);
    }

    @Test
    void aReceiverThatHangsDoesNotHoldUpTheEndOfARun() {
        hooks.hold();
        try {
            String id = create();
            long t0 = System.nanoTime();
            Http.Answer cancelled = Http.post(base.resolve("/api/runs/" + id + "/cancel"), Http.bearer(SecureTestProfile.API_TOKEN), new byte[0]);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertEquals(200, cancelled.status(), cancelled.body());
            assertEquals("CANCELLED", cancelled.json().path("status").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(id).size() == 1);
            // The receiver still holds the request, and the run is over all the same.
            assertEquals("CANCELLED", Http.get(base.resolve("/api/runs/" + id), Map.of()).json().path("status").asText());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "cancel took " + took);
        } finally {
            hooks.release();
        }
    }
}
