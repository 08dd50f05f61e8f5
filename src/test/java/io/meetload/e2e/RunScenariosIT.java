package io.meetload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.sfu.LocalJanus;
import io.meetload.testing.Plans;
import io.meetload.testing.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Labelled scenarios, end to end: {@code meetload run} with 2 local instances x 2 participants
 * against a real Janus in a loopback-only namespace, each fault made for real, each verdict
 * checked for its status, exit code, and the instance or participant it names.
 */
class RunScenariosIT {

    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    private static LocalJanus janus;
    private CliRun run;

    @BeforeAll
    static void startJanus() throws Exception {
        TestNetwork.requireLoopbackOnlyNamespace();
        janus = LocalJanus.start(Path.of("target/e2e/janus"), 0, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopJanus() {
        if (janus != null) {
            janus.close();
        }
    }

    @AfterEach
    void cleanUp() {
        if (run != null) {
            run.destroy();
        }
    }

    private static String plan(String name, String url, long room, String duration) {
        return Plans.janusJson(name, url, room, 4, 4, 4, 2, duration);
    }

    @Test
    void healthyRunPasses() throws Exception {
        run = CliRun.start("healthy", plan("healthy", janus.apiUrl().toString(), 5001, "PT40S"), Map.of());
        int exit = run.awaitExit(RUN_LIMIT);
        JsonNode verdict = run.verdict();
        assertEquals("PASS", verdict.path("status").asText(), verdict.toPrettyString());
        assertEquals(0, exit);
        assertEquals(4, verdict.path("participants").size());
        for (JsonNode p : verdict.path("participants")) {
            assertTrue(p.path("receiveKbps").path("p50").asDouble() > 50, "media received: " + p);
        }
        assertTrue(Files.size(run.out.resolve("report.html")) > 10_000, "the report is written");
        assertTrue(run.log().contains("report: "), "the CLI says where the report is");
        run.assertNothingLeft();
    }

    @Test
    void janusKilledMidRunFails() throws Exception {
        try (LocalJanus own = LocalJanus.start(Path.of("target/e2e/janus-killed"), 0, Duration.ofSeconds(20))) {
            run = CliRun.start("janus-killed", plan("janus-killed", own.apiUrl().toString(), 5002, "PT1M"), Map.of());
            run.awaitInWorkerLogs("-> MEDIA_FLOWING", 4, Duration.ofSeconds(90));
            own.kill();
            int exit = run.awaitExit(RUN_LIMIT);
            JsonNode verdict = run.verdict();
            assertEquals("FAIL", verdict.path("status").asText(), verdict.toPrettyString());
            assertEquals(1, exit);
            JsonNode first = verdict.path("reasons").get(0);
            assertEquals("SERVICE", first.path("attribution").asText(), first.toString());
            assertTrue(first.path("message").asText().contains("SERVER_GONE"), first.toString());
            run.assertNothingLeft();
        }
    }

    @Test
    void workerKilledMidRunIsInconclusiveNamingItsInstance() throws Exception {
        run = CliRun.start("worker-killed", plan("worker-killed", janus.apiUrl().toString(), 5003, "PT40S"), Map.of());
        run.awaitInWorkerLogs("-> MEDIA_FLOWING", 4, Duration.ofSeconds(90));
        ProcessHandle worker = run.worker(1).orElseThrow();
        worker.destroyForcibly(); // SIGKILL: no report, no goodbye
        int exit = run.awaitExit(RUN_LIMIT);
        JsonNode verdict = run.verdict();
        assertEquals("INCONCLUSIVE", verdict.path("status").asText(), verdict.toPrettyString());
        assertEquals(2, exit);
        assertTrue(reasonNames(verdict, "instance", "1"), "a reason names instance 1: " + verdict.path("reasons"));
        assertEquals("LOST", instance(verdict, 1).path("outcome").asText(), instance(verdict, 1).toString());
        run.assertNothingLeft();
    }

    @Test
    void browserKilledIsInconclusiveNamingThatParticipant() throws Exception {
        run = CliRun.start("browser-killed", plan("browser-killed", janus.apiUrl().toString(), 5004, "PT40S"), Map.of());
        run.awaitInWorkerLogs("-> MEDIA_FLOWING", 4, Duration.ofSeconds(90));
        run.browser("i0-p2").orElseThrow().destroyForcibly();
        int exit = run.awaitExit(RUN_LIMIT);
        JsonNode verdict = run.verdict();
        assertEquals("INCONCLUSIVE", verdict.path("status").asText(), verdict.toPrettyString());
        assertEquals(2, exit);
        JsonNode crashed = reason(verdict, "BROWSER_CRASHED");
        assertEquals("i0-p2", crashed.path("participant").asText(), crashed.toString());
        run.assertNothingLeft();
    }

    @Test
    void reportLostWhenTheWorkerFreezesIsInconclusiveNamingItsInstance() throws Exception {
        run = CliRun.start("report-lost", plan("report-lost", janus.apiUrl().toString(), 5005, "PT40S"), Map.of());
        run.awaitInWorkerLogs("-> MEDIA_FLOWING", 4, Duration.ofSeconds(90));
        ProcessHandle worker = run.worker(0).orElseThrow();
        new ProcessBuilder("kill", "-STOP", String.valueOf(worker.pid())).start().waitFor(); // frozen: silent, never reports
        int exit = run.awaitExit(RUN_LIMIT);
        JsonNode verdict = run.verdict();
        assertEquals("INCONCLUSIVE", verdict.path("status").asText(), verdict.toPrettyString());
        assertEquals(2, exit);
        assertTrue(reasonNames(verdict, "instance", "0"), "a reason names instance 0: " + verdict.path("reasons"));
        assertTrue(!"REPORTED".equals(instance(verdict, 0).path("outcome").asText()), instance(verdict, 0).toString());
        run.assertNothingLeft();
    }

    @Test
    void cpuStarvedInstanceIsInconclusiveNamingThatInstance() throws Exception {
        String group = "meetload-starved-" + UUID.randomUUID().toString().substring(0, 8);
        Path cpu = Path.of("/sys/fs/cgroup/cpu", group);
        Path cpuacct = Path.of("/sys/fs/cgroup/cpuacct", group);
        try {
            Files.createDirectories(cpu);
            Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "10000"); // 0.1 of a core for instance 1
            if (Files.isDirectory(cpuacct.getParent())) {
                Files.createDirectories(cpuacct);
            }
            run = CliRun.start("cpu-starved", plan("cpu-starved", janus.apiUrl().toString(), 5006, "PT2M"), Map.of());
            run.awaitInWorkerLogs("instance 1 of 2", 1, Duration.ofSeconds(60));
            ProcessHandle worker = run.worker(1).orElseThrow();
            // the worker and everything it starts from now on run in the starved group
            for (Path g : new Path[]{cpu, cpuacct}) {
                if (Files.isDirectory(g)) {
                    Files.writeString(g.resolve("cgroup.procs"), String.valueOf(worker.pid()));
                    for (ProcessHandle child : worker.descendants().toList()) {
                        try {
                            Files.writeString(g.resolve("cgroup.procs"), String.valueOf(child.pid()));
                        } catch (java.io.IOException e) {
                            // a child that ended since it was listed (ESRCH) has nothing left to starve
                            if (child.isAlive()) {
                                throw e;
                            }
                        }
                    }
                }
            }
            int exit = run.awaitExit(RUN_LIMIT);
            JsonNode verdict = run.verdict();
            assertEquals("INCONCLUSIVE", verdict.path("status").asText(), verdict.toPrettyString());
            assertEquals(2, exit);
            JsonNode saturated = reason(verdict, "GENERATOR_SATURATED");
            assertEquals(1, saturated.path("instance").asInt(), saturated.toString());
            assertTrue(StreamSupport.stream(verdict.path("reasons").spliterator(), false)
                    .filter(r -> r.path("instance").asInt(-1) == 1 && r.path("participant").asText().startsWith("i1-"))
                    .allMatch(r -> !"SERVICE".equals(r.path("attribution").asText())),
                    "nothing on the starved instance is blamed on the service: " + verdict.path("reasons"));
            // Instance 0 was healthy: nothing of it is a fault, and what its receivers lost (if
            // anything) came from the starved senders of instance 1, so it is blamed on the generator.
            assertTrue(StreamSupport.stream(verdict.path("reasons").spliterator(), false)
                    .filter(r -> r.path("instance").asInt(-1) == 0)
                    .allMatch(r -> "GENERATOR".equals(r.path("attribution").asText())
                            && r.path("message").asText().contains("instance 1 ")
                            && !r.path("kind").asText().startsWith("GENERATOR_")),
                    "instance 0 was healthy: " + verdict.path("reasons"));
            JsonNode starved = instance(verdict, 1);
            assertEquals(0.1, starved.path("cpuLimit").asDouble(), 0.001, starved.toString());
            assertTrue(starved.path("saturatedSeconds").asLong() >= 10, starved.toString());
            Files.copy(run.out.resolve("report.html"), Path.of("target/e2e/cpu-starved-report.html"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            run.assertNothingLeft();
        } finally {
            if (run != null) {
                run.destroy();
            }
            await("the starved groups are empty").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                for (Path g : new Path[]{cpu, cpuacct}) {
                    if (Files.isDirectory(g)) {
                        Files.delete(g); // rmdir: fails while a process is still in it
                    }
                }
                return true;
            });
        }
    }

    private static JsonNode reason(JsonNode verdict, String kind) {
        return StreamSupport.stream(verdict.path("reasons").spliterator(), false)
                .filter(r -> kind.equals(r.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " reason in " + verdict.path("reasons")));
    }

    private static boolean reasonNames(JsonNode verdict, String field, String value) {
        return StreamSupport.stream(verdict.path("reasons").spliterator(), false)
                .anyMatch(r -> value.equals(r.path(field).asText()));
    }

    private static JsonNode instance(JsonNode verdict, int index) {
        return StreamSupport.stream(verdict.path("instances").spliterator(), false)
                .filter(i -> i.path("index").asInt() == index).findFirst().orElseThrow();
    }
}
