package io.meetload.security;

import io.meetload.coordinator.RunStore;
import io.meetload.coordinator.TestPlans;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closed reads and the rate limit, per token, per address and per chat user. */
@QuarkusTest
@TestProfile(LimitsTestProfile.class)
class LimitsTest {

    @Inject
    RunStore store;

    @TestHTTPResource("/")
    URL url;

    private Set<String> runFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(store.root())) {
            return dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void closedReadsNeedTheTokenButProbesDoNot() throws URISyntaxException {
        URI base = url.toURI();
        Http.Answer anonymous = Http.get(base.resolve("/api/runs"), Map.of());
        assertEquals(401, anonymous.status(), anonymous.body());
        assertEquals("Authorization: must be \"Bearer <meetload.api.token>\" for this request, was missing", anonymous.message());
        assertEquals("Bearer realm=\"meetload\"", anonymous.response().headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, Http.get(base.resolve("/api/runs/r-20990101-0000-ffff/report"), Map.of()).status(),
                "a closed read says nothing, not even whether the run exists");
        assertEquals(200, Http.get(base.resolve("/api/runs"), Http.bearer(SecureTestProfile.API_TOKEN)).status());
        assertEquals(404, Http.get(base.resolve("/api/runs/r-20990101-0000-ffff"), Http.bearer(SecureTestProfile.API_TOKEN)).status());
        assertEquals(200, Http.get(base.resolve("/q/health/ready"), Map.of()).status());
        // The run API is closed, not the participant page a worker's own browsers load.
        assertEquals(200, Http.get(base.resolve("/participant/janus.html"), Map.of()).status());
    }

    @Test
    void theFourthRequestInAMinuteIs429NamingTheLimitAndStartsNothing() throws IOException, URISyntaxException {
        URI base = url.toURI();
        Set<String> before = runFolders();
        String tooBig = TestPlans.json(1, "PT10M").replace("\"participants\": 2", "\"participants\": 500");
        for (int i = 0; i < 3; i++) {
            assertEquals(400, Http.post(base.resolve("/api/runs"), Http.bearer(SecureTestProfile.API_TOKEN), tooBig).status());
        }
        Http.Answer limited = Http.post(base.resolve("/api/runs"), Http.bearer(SecureTestProfile.API_TOKEN), TestPlans.json(1, "PT10M"));
        assertEquals(429, limited.status(), limited.body());
        assertTrue(limited.message().matches("requests: at most 3 per minute \\(meetload.api.requests-per-minute\\) for the API token,"
                + " one more is allowed in (1\\d|20)s"), limited.message());
        assertTrue(limited.response().headers().firstValue("Retry-After").orElse("").matches("1\\d|20"), limited.response().headers().toString());
        assertEquals(before, runFolders(), "a rate-limited request started a run");

        // Callers without the token have buckets of their own (by address): they cannot use up the token's.
        for (int i = 0; i < 3; i++) {
            assertEquals(401, Http.post(base.resolve("/api/runs"), Http.json(), TestPlans.json(1, "PT10M")).status());
        }
        Http.Answer guessing = Http.post(base.resolve("/api/runs"), Http.bearer("guess"), TestPlans.json(1, "PT10M"));
        assertEquals(429, guessing.status(), guessing.body());
        assertTrue(guessing.message().startsWith("requests: at most 3 per minute (meetload.api.requests-per-minute) for address "),
                guessing.message());

        // Chat commands count per chat user.
        for (int i = 0; i < 3; i++) {
            assertTrue(Http.slack(base, Http.command("help", null)).text().startsWith("meetload commands:"));
        }
        Http.Answer chatty = Http.slack(base, Http.command("help", null));
        assertEquals(200, chatty.status());
        assertTrue(chatty.text().matches("Cannot do that: requests: at most 3 per minute \\(meetload.api.requests-per-minute\\)"
                + " for this chat user, one more is allowed in (1\\d|20)s"), chatty.text());
        assertEquals(before, runFolders());
    }
}
