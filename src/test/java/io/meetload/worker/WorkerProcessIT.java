package io.meetload.worker;

import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import io.meetload.instance.ParticipantState;
import io.meetload.sfu.LocalJanus;
import io.meetload.testing.MeetloadJar;
import io.meetload.testing.Plans;
import io.meetload.testing.TestNetwork;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker as Kubernetes or the coordinator runs it: the packaged jar, as its own process. */
class WorkerProcessIT {

    @Test
    void indexOutOfRangeExits64WithAClearMessage() throws Exception {
        Path plan = writePlan("range", "http://127.0.0.1:9/janus", 4);
        Path log = Path.of("target/it/worker-range.log");
        Process p = MeetloadJar.start(log, Map.of("QUARKUS_HTTP_PORT", "0"),
                "worker", "--plan", plan.toString(), "--index", "2", "--count", "2");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the worker exits");
        assertEquals(64, p.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).contains("index: must be between 0 and 1 (count 2), was 2"), Files.readString(log));
    }

    @Test
    void indexFromTheIndexedJobEnvironmentIsChecked() throws Exception {
        Path plan = writePlan("env", "http://127.0.0.1:9/janus", 2);
        Path log = Path.of("target/it/worker-env.log");
        Process p = MeetloadJar.start(log, Map.of("QUARKUS_HTTP_PORT", "0", "JOB_COMPLETION_INDEX", "7",
                "MEETLOAD_WORKER_PLAN", plan.toString()), "worker");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the worker exits");
        assertEquals(64, p.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).contains("index: must be between 0 and 0 (count 1), was 7"), Files.readString(log));
    }

    @Test
    void unreadablePlanExits64NamingTheFile() throws Exception {
        Path log = Path.of("target/it/worker-noplan.log");
        Process p = MeetloadJar.start(log, Map.of("QUARKUS_HTTP_PORT", "0"),
                "worker", "--plan", "target/it/no-such-plan.json", "--index", "0");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the worker exits");
        assertEquals(64, p.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).contains("target/it/no-such-plan.json: not found"), Files.readString(log));
    }

    @Test
    void sigtermWritesTheReportAndLeavesNoBrowserBehind() throws Exception {
        TestNetwork.requireLoopbackOnlyNamespace();
        try (LocalJanus janus = LocalJanus.start(Path.of("target/it/janus-sigterm"), 0, Duration.ofSeconds(20))) {
            Path plan = writePlan("sigterm", janus.apiUrl().toString(), 2);
            Path report = Path.of("target/it/sigterm-report.json").toAbsolutePath();
            Path profiles = Files.createDirectories(Path.of("target/it/sigterm-profiles").toAbsolutePath());
            Files.deleteIfExists(report);
            Path log = Path.of("target/it/worker-sigterm.log");
            Process p = MeetloadJar.start(log, Map.of("QUARKUS_HTTP_PORT", "0",
                            "MEETLOAD_WORKER_PROFILE_DIR", profiles.toString(),
                            "MEETLOAD_WORKER_SAMPLE_INTERVAL", "1s"),
                    "worker", "--plan", plan.toString(), "--index", "0", "--report", report.toString());
            await("both participants have media").atMost(Duration.ofSeconds(90)).until(() ->
                    Files.readString(log).split("-> MEDIA_FLOWING", -1).length - 1 == 2);
            assertTrue(!browsersUsing(profiles).isEmpty(), "browsers run under the profile folder");

            p.destroy(); // SIGTERM, as Kubernetes and the coordinator send it

            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the worker ends after SIGTERM");
            InstanceReport written = Json.MAPPER.readValue(report.toFile(), InstanceReport.class);
            assertEquals("SIGTERM", written.endReason(), Files.readString(log));
            assertEquals(2, written.participants().size());
            assertTrue(written.events().stream().filter(e -> e.to() == ParticipantState.LEFT).count() == 2,
                    "both participants left: " + written.events());
            assertTrue(browsersUsing(profiles).isEmpty(), "no browser outlives the worker: " + browsersUsing(profiles));
        }
    }

    private static List<ProcessHandle> browsersUsing(Path profiles) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> List.of(a).stream().anyMatch(s -> s.contains(profiles.toString()))).orElse(false)).toList();
    }

    private static Path writePlan(String name, String url, int participants) throws Exception {
        Path plan = Path.of("target/it/" + name + "-plan.json");
        Files.createDirectories(plan.getParent());
        Files.writeString(plan, Plans.janusJson(name, url, 4001, participants, participants, participants, 1, "PT5M"));
        return plan;
    }
}
