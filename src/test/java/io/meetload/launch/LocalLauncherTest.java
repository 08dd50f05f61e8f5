package io.meetload.launch;

import io.meetload.coordinator.TestPlans;
import io.meetload.instance.InstanceFact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local launcher against real child processes (sh and sleep), including their children. */
class LocalLauncherTest {

    @TempDir
    Path runDir;

    private final List<ProcessHandle> toClean = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        ProcessHandle.current().descendants().forEach(toClean::add);
        toClean.forEach(ProcessHandle::destroyForcibly);
    }

    private RunLaunch launch(int instances) throws Exception {
        Path plan = runDir.resolve("plan.json");
        Files.writeString(plan, TestPlans.json(instances, "PT10M"));
        return new RunLaunch("r-20260101-0000-abcd", TestPlans.plan(instances), runDir, plan,
                URI.create("http://127.0.0.1:9"), "secret-token");
    }

    private static LocalLauncher launcher(String script, Duration grace) {
        return new LocalLauncher(WorkerCommand.of(List.of("sh", "-c", script)), grace, Clock.systemUTC());
    }

    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(List.of(root));
        root.descendants().forEach(all::add);
        return all;
    }

    private ProcessHandle child(LocalLauncher launcher, RunLaunch launch, int index) {
        ChildRecord record = launcher.record(launch, index).orElseThrow();
        return launcher.handle(record).orElseThrow();
    }

    @Test
    void stopLeavesNothingRunningNotEvenGrandchildren() throws Exception {
        LocalLauncher launcher = launcher("sleep 600 & sleep 600 & wait", Duration.ofSeconds(5));
        RunLaunch launch = launch(2);
        launcher.launch(launch);
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessHandle root = child(launcher, launch, i);
            await().atMost(Duration.ofSeconds(10)).until(() -> root.descendants().count() == 2);
            all.addAll(tree(root));
        }
        assertEquals(6, all.size(), "2 shells with 2 sleeps each");
        assertTrue(launcher.status(launch).values().stream().allMatch(InstanceStatus::running));

        launcher.stop(launch, "test");

        assertTrue(all.stream().noneMatch(ProcessTrees::running), "still alive: " + all.stream().filter(ProcessTrees::running).toList());
        Map<Integer, InstanceStatus> status = launcher.status(launch);
        assertFalse(status.get(0).running());
        assertEquals(143, status.get(0).ended().orElseThrow().exitCode());
        assertEquals("TERM", status.get(0).ended().orElseThrow().signal());
    }

    @Test
    void stopEndsWhatAWorkerKilledOutrightLeftToInit() throws Exception {
        // like a SIGKILLed worker's chromedrivers: re-parented away from its tree, still running
        LocalLauncher launcher = launcher("sleep 600 & sleep 600 & wait", Duration.ofSeconds(5));
        RunLaunch launch = launch(1);
        launcher.launch(launch);
        ProcessHandle root = child(launcher, launch, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> root.descendants().count() == 2);
        List<ProcessHandle> sleeps = root.descendants().toList();
        root.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessTrees.running(root));
        assertTrue(sleeps.stream().allMatch(ProcessTrees::running), "the orphans live on");

        launcher.stop(launch, "test");

        assertTrue(sleeps.stream().noneMatch(ProcessTrees::running),
                "still alive: " + sleeps.stream().filter(ProcessTrees::running).toList());
    }

    @Test
    void stopKillsWhatIgnoresTerm() throws Exception {
        // An ignored signal stays ignored across exec: the sleeps ignore TERM too.
        LocalLauncher launcher = launcher("trap '' TERM; sleep 600 & sleep 600; wait", Duration.ofMillis(500));
        RunLaunch launch = launch(1);
        launcher.launch(launch);
        ProcessHandle root = child(launcher, launch, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> root.descendants().count() == 2);
        List<ProcessHandle> all = tree(root);

        launcher.stop(launch, "test");

        assertTrue(all.stream().noneMatch(ProcessTrees::running));
        InstanceFact fact = launcher.status(launch).get(0).ended().orElseThrow();
        assertEquals(137, fact.exitCode());
        assertEquals("KILL", fact.signal());
        assertTrue(fact.message().contains("killed by signal KILL (exit code 137)"), fact.message());
    }

    @Test
    void anExitedChildIsReportedWithItsExitCode() throws Exception {
        LocalLauncher launcher = launcher("echo index=$JOB_COMPLETION_INDEX count=$MEETLOAD_WORKER_COUNT run=$MEETLOAD_WORKER_RUN "
                + "token=$MEETLOAD_WORKER_TOKEN port=$QUARKUS_HTTP_PORT; exit $((3 + JOB_COMPLETION_INDEX))", Duration.ofSeconds(2));
        RunLaunch launch = launch(2);
        launcher.launch(launch);

        await().atMost(Duration.ofSeconds(10)).until(() -> launcher.status(launch).values().stream().noneMatch(InstanceStatus::running));
        Map<Integer, InstanceStatus> status = launcher.status(launch);
        assertEquals(3, status.get(0).ended().orElseThrow().exitCode());
        assertEquals(4, status.get(1).ended().orElseThrow().exitCode());
        assertNull(status.get(1).ended().orElseThrow().signal());
        assertEquals(InstanceFact.Outcome.LOST, status.get(1).ended().orElseThrow().outcome());
        assertTrue(status.get(1).ended().orElseThrow().message().contains("exited with code 4"));
        assertEquals("index=1 count=2 run=r-20260101-0000-abcd token=secret-token port=0",
                Files.readString(runDir.resolve("logs/instance-1.log")).trim());
        // Known to a launcher that did not start it, too: the exit was written down.
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(runDir.resolve("instances/0/exit.json")));
        assertEquals(3, launcher("true", Duration.ofSeconds(1)).status(launch).get(0).ended().orElseThrow().exitCode());
    }

    @Test
    void aRestartedLauncherStillSeesAndStopsItsChildren() throws Exception {
        RunLaunch launch = launch(2);
        launcher("sleep 600 & wait", Duration.ofSeconds(5)).launch(launch);
        LocalLauncher restarted = launcher("true", Duration.ofSeconds(5));
        ProcessHandle first = child(restarted, launch, 0);
        ProcessHandle second = child(restarted, launch, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.descendants().count() == 1);
        List<ProcessHandle> secondTree = tree(second);
        assertTrue(restarted.status(launch).get(0).running());

        // Instance 0 dies while "the coordinator is down": no exit.json is written by the restarted launcher.
        Files.deleteIfExists(runDir.resolve("instances/0/exit.json"));
        first.descendants().forEach(ProcessHandle::destroyForcibly);
        first.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessTrees.running(first));
        Files.deleteIfExists(runDir.resolve("instances/0/exit.json"));
        LocalLauncher again = launcher("true", Duration.ofSeconds(5));
        Map<Integer, InstanceStatus> status = again.status(launch);
        assertFalse(status.get(0).running());
        InstanceFact gone = status.get(0).ended().orElseThrow();
        assertNull(gone.exitCode());
        assertTrue(gone.message().contains("exit code unknown"), gone.message());
        assertTrue(status.get(1).running());

        again.stop(launch, "test");
        assertTrue(secondTree.stream().noneMatch(ProcessTrees::running));
    }

    @Test
    void aReusedPidIsNotTakenForTheChild() throws Exception {
        LocalLauncher launcher = launcher("sleep 600", Duration.ofSeconds(1));
        Path dir = runDir.resolve("instances/0");
        Files.createDirectories(dir);
        ProcessHandle self = ProcessHandle.current();
        ChildRecord record = new ChildRecord(0, self.pid(), self.info().startInstant().orElseThrow().minusSeconds(3600), List.of("x"));
        assertEquals(Optional.empty(), launcher.handle(record));
    }

    @Test
    void aCommandThatCannotStartLeavesNothingRunning() throws Exception {
        RunLaunch launch = launch(3);
        LocalLauncher launcher = new LocalLauncher(WorkerCommand.of(List.of(runDir.resolve("no-such-worker").toString())),
                Duration.ofSeconds(1), Clock.systemUTC());
        LaunchException e = assertThrows(LaunchException.class, () -> launcher.launch(launch));
        assertTrue(e.getMessage().startsWith("instance 0 of 3: cannot start " + runDir.resolve("no-such-worker")), e.getMessage());
        assertEquals(0, ProcessHandle.current().descendants().count());
    }

    @Test
    void aMissingJarNamesTheSetting() {
        LocalConfig config = new LocalConfig() {
            public Optional<Path> jar() { return Optional.of(Path.of("/nonexistent/quarkus-run.jar")); }
            public List<String> jvmOptions() { return List.of(); }
            public Optional<List<String>> command() { return Optional.empty(); }
            public Duration stopGrace() { return Duration.ofSeconds(1); }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkerCommand.from(config).words());
        assertEquals("meetload.local.jar: must name the application jar, no such file: /nonexistent/quarkus-run.jar", e.getMessage());
    }
}
