package io.meetload.chatops;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.coordinator.RunService;
import io.meetload.coordinator.RunStore;
import io.meetload.coordinator.TestReports;
import io.meetload.instance.Json;
import io.meetload.plan.PlanFiles;
import io.meetload.report.ChatMessage;
import io.meetload.security.Http;
import io.meetload.security.SecureTestProfile;
import io.meetload.testing.LocalReceiver;
import io.meetload.verdict.Verdict;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slash commands from Slack and Mattermost against a real coordinator, with a local server as Slack's response_url. */
@QuarkusTest
@TestProfile(SecureTestProfile.class)
class ChatOpsTest {

    private static final Pattern STARTED = Pattern.compile(
            "Run <(http://localhost:\\d+/api/runs/(r-\\d{8}-\\d{4}-[0-9a-f]{4}))\\|\\2> started: (.*)");

    @Inject
    RunStore store;

    @Inject
    RunService service;

    @TestHTTPResource("/")
    URL url;

    private URI base;
    private LocalReceiver slack;

    @BeforeEach
    void start() throws URISyntaxException {
        base = url.toURI();
        slack = LocalReceiver.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> service.activeRunCount() == 0);
    }

    @AfterEach
    void stop() {
        slack.close();
        // A test that failed half way must not leave its run in the way of the next (concurrent-runs limit).
        for (JsonNode run : Http.get(base.resolve("/api/runs"), Map.of()).json()) {
            if (!run.path("status").asText().matches("DONE|CANCELLED")) {
                Http.post(base.resolve("/api/runs/" + run.path("id").asText() + "/cancel"),
                        Http.bearer(SecureTestProfile.API_TOKEN), new byte[0]);
            }
        }
    }

    private static Http.Answer mattermost(URI base, String text, URI responseUrl) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("channel_id", "mm-channel");
        fields.put("team_id", "mm-team");
        fields.put("user_id", "mm-user");
        fields.put("command", "/meetload");
        fields.put("text", text);
        fields.put("response_url", responseUrl.toString());
        fields.put("token", SecureTestProfile.MATTERMOST_TOKEN);
        return Http.post(base.resolve("/api/chatops/slack"), Map.of("Content-Type", Http.FORM), Http.form(fields));
    }

    @Test
    void aSlackRunAnswersWithinThreeSecondsAndItsVerdictIsPostedInTheChannel() throws IOException {
        // What is measured is a command's answer, not the first request's class loading in a fresh JVM.
        Http.slack(base, Http.command("help", null));
        long t0 = System.nanoTime();
        Http.Answer answer = Http.slack(base, Http.command("run demo participants=4 instances=2 duration=PT1M",
                slack.url("/commands/T0TEST/1/xyz")));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered in " + took);
        assertEquals(200, answer.status(), answer.body());
        assertEquals("ephemeral", answer.json().path("response_type").asText());
        Matcher started = STARTED.matcher(answer.text());
        assertTrue(started.matches(), answer.text());
        String id = started.group(2);
        assertEquals(base.resolve("/api/runs/" + id).toString(), started.group(1));
        assertEquals("demo, 4 participants on 2 instance(s) for 1m (+ 1s ramp-up). The verdict will be posted here when it ends.",
                started.group(3));
        // The overrides went into the plan the run keeps.
        JsonNode plan = Json.MAPPER.readTree(store.readPlan(id));
        assertEquals(4, plan.path("participants").asInt());
        assertEquals(2, plan.path("instances").asInt());
        assertEquals("PT1M", plan.path("duration").asText());
        assertEquals("RUNNING", Http.get(base.resolve("/api/runs/" + id), Map.of()).json().path("status").asText());

        String token = store.readToken(id);
        String digest = PlanFiles.digest(store.readPlan(id));
        for (int i = 0; i < 2; i++) {
            Http.Answer taken = Http.post(base.resolve("/api/runs/" + id + "/instances/" + i + "/report"), Http.bearer(token),
                    TestReports.json(TestReports.report(id, digest, i, 2, "COMPLETED")));
            assertEquals(200, taken.status(), taken.body());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> slack.received("/commands/T0TEST/1/xyz").size() == 1);
        LocalReceiver.Received posted = slack.received("/commands/T0TEST/1/xyz").get(0);
        Verdict verdict = Json.MAPPER.readValue(store.verdictBytes(id).orElseThrow(), Verdict.class);
        JsonNode message = Json.MAPPER.readTree(posted.body());
        assertEquals("in_channel", message.path("response_type").asText());
        assertEquals(ChatMessage.of(verdict, base.resolve("/api/runs/" + id + "/report")), message.path("text").asText());
        assertTrue(posted.header("Content-Type").startsWith("application/json"), posted.headers().toString());
    }

    @Test
    void mattermostRunsStatusListAndCancelAndTheChannelHearsOfTheCancel() {
        URI responses = slack.url("/hooks/mattermost/abc");
        Http.Answer run = mattermost(base, "run demo", responses);
        assertEquals(200, run.status(), run.body());
        Matcher started = STARTED.matcher(run.text());
        assertTrue(started.matches(), run.text());
        String id = started.group(2);

        Http.Answer status = mattermost(base, "status " + id, responses);
        assertTrue(status.text().startsWith("Run <" + base.resolve("/api/runs/" + id) + "|" + id + "> (demo): RUNNING, 0 of 2 participants joined"),
                status.text());
        Http.Answer list = mattermost(base, "list", responses);
        assertTrue(list.text().startsWith("Latest runs:\n"), list.text());
        assertTrue(list.text().contains("\n`" + id + "` demo RUNNING"), list.text());

        Http.Answer cancelled = mattermost(base, "cancel " + id, responses);
        assertEquals("Run <" + base.resolve("/api/runs/" + id) + "|" + id + "> cancelled (CANCELLED): it ends INCONCLUSIVE, <"
                + base.resolve("/api/runs/" + id + "/report") + "|report>", cancelled.text());
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.received("/hooks/mattermost/abc").size() == 1);
        String posted = slack.received("/hooks/mattermost/abc").get(0).text();
        assertTrue(posted.contains("\"response_type\":\"in_channel\""), posted);
        assertTrue(posted.contains("*INCONCLUSIVE* demo (run " + id + ")"), posted);
        assertTrue(posted.contains("<" + base.resolve("/api/runs/" + id + "/report") + "|report>"), posted);

        Http.Answer after = mattermost(base, "status " + id, responses);
        assertTrue(after.text().startsWith("Run <" + base.resolve("/api/runs/" + id) + "|" + id + "> (demo): CANCELLED, verdict *INCONCLUSIVE* <"),
                after.text());
    }

    @Test
    void helpAndAnEmptyCommandListTheCommands() {
        for (String text : List.of("help", "")) {
            Http.Answer help = Http.slack(base, Http.command(text, null));
            assertEquals(200, help.status(), help.body());
            assertEquals(ChatCommands.help(), help.text());
        }
        assertTrue(ChatCommands.help().contains("`run PRESET [participants=N duration=PT10M instances=N videoSenders=N"
                + " audioSenders=N rampUp=PT1M rooms=N]`"));
    }
}
