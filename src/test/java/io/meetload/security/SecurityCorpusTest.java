package io.meetload.security;

import io.meetload.coordinator.RunService;
import io.meetload.coordinator.RunStore;
import io.meetload.coordinator.TestPlans;
import io.meetload.launch.ProcessTrees;
import io.meetload.plan.PlanFiles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request of the bad-request corpus ({@link BadRequest}) against a coordinator set up as it
 * runs exposed, with two runs going (so that worker tokens of one run can be tried on the other):
 * the right status, a message that says why, and nothing started (no run folder, no process).
 */
@QuarkusTest
@TestProfile(SecureTestProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityCorpusTest {

    @Inject
    RunStore store;

    @Inject
    RunService service;

    @TestHTTPResource("/")
    URL base;

    private BadRequest.Ctx ctx;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLoggerName() + " " + (record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    void twoRunsGoing() throws URISyntaxException, IOException {
        Logger.getLogger("").addHandler(capture);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.activeRunCount() == 0);
        String plan = TestPlans.json(1, "PT10M");
        String a = create(plan);
        String b = create(plan);
        ctx = new BadRequest.Ctx(base.toURI(), a, store.readToken(a), PlanFiles.digest(plan.getBytes(StandardCharsets.UTF_8)),
                b, store.readToken(b));
    }

    private String create(String plan) throws URISyntaxException {
        Http.Answer created = Http.post(base.toURI().resolve("/api/runs"), Http.bearer(SecureTestProfile.API_TOKEN), plan);
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    @AfterAll
    void stopThem() throws URISyntaxException {
        Logger.getLogger("").removeHandler(capture);
        for (String id : List.of(ctx.runA(), ctx.runB())) {
            Http.post(base.toURI().resolve("/api/runs/" + id + "/cancel"), Http.bearer(SecureTestProfile.API_TOKEN), new byte[0]);
        }
    }

    private Set<String> runFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(store.root())) {
            return dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessTrees::running).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadRequest.class)
    void isRefusedSayingWhyAndStartsNothing(BadRequest bad) throws IOException, URISyntaxException {
        Set<String> folders = runFolders();
        Set<Long> processes = children();

        Http.Answer answer = bad.send(ctx);

        assertEquals(bad.status, answer.status(), bad + ": " + answer.body());
        assertTrue(answer.message().contains(bad.says(ctx)), bad + ": expected the message to say\n  " + bad.says(ctx)
                + "\nbut it said\n  " + answer.message());
        assertEquals(folders, runFolders(), bad + ": a run folder appeared");
        Set<Long> started = children();
        started.removeAll(processes);
        assertEquals(Set.of(), started, bad + ": a process was started");
        assertEquals(2, service.activeRunCount(), bad + ": the runs going changed");
        for (String id : List.of(ctx.runA(), ctx.runB())) {
            assertEquals("RUNNING", Http.get(base.toURI().resolve("/api/runs/" + id), java.util.Map.of()).json().path("status").asText(),
                    bad + ": run " + id + " was touched");
        }
    }

    @Order(2)
    @Test
    void theCorpusIsLargeAndTheLogHoldsNoSecretAndNoForgedLine() {
        assertTrue(BadRequest.values().length >= 50, "corpus size " + BadRequest.values().length);
        List<String> ours = logged.stream().filter(l -> l.startsWith("io.meetload")).toList();
        assertTrue(ours.stream().anyMatch(l -> l.contains("refused POST")), "refusals are logged: " + ours);
        assertTrue(ours.stream().anyMatch(l -> l.contains("deploy\\r\\n2026-12-04 INFO [io.meetload] forged line")),
                "the chat command with line breaks is logged escaped: " + ours);
        for (String line : logged) {
            for (String secret : List.of(SecureTestProfile.API_TOKEN, SecureTestProfile.SLACK_SECRET,
                    SecureTestProfile.MATTERMOST_TOKEN, SecureTestProfile.WEBHOOK_SECRET, ctx.tokenA(), ctx.tokenB())) {
                assertFalse(line.contains(secret), "a secret in the log: " + line);
            }
        }
        for (String line : ours) {
            assertFalse(line.contains("\n") || line.contains("\r"), "a line break from a request in the log: " + line);
        }
    }
}
