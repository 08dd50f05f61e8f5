package io.meetload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.instance.Json;
import io.meetload.testing.MeetloadJar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One {@code meetload run PLAN --out DIR} as a user runs it: the packaged jar, its workers and their browsers. */
final class CliRun {

    /** Short deadlines, so that each scenario ends in about a minute. */
    static final Map<String, String> FAST = Map.of(
            "MEETLOAD_WORKER_SAMPLE_INTERVAL", "1s",
            "MEETLOAD_WORKER_HEARTBEAT_INTERVAL", "1s",
            "MEETLOAD_WORKER_JOIN_TIMEOUT", "40s",
            "MEETLOAD_WORKER_MEDIA_TIMEOUT", "20s",
            "MEETLOAD_WORKER_DROP_TIMEOUT", "5s",
            "MEETLOAD_COORDINATOR_HEARTBEAT_TIMEOUT", "10s",
            "MEETLOAD_COORDINATOR_DEADLINE_GRACE", "30s",
            "MEETLOAD_LOCAL_STOP_GRACE", "10s",
            "MEETLOAD_VERDICT_SATURATION_WINDOW", "10s");

    final Process process;
    final Path out;

    private CliRun(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    static CliRun start(String name, String planJson, Map<String, String> extraEnv) throws IOException {
        Path out = Path.of("target/e2e", name).toAbsolutePath();
        deleteTree(out);
        Files.createDirectories(out);
        Path plan = out.resolve("plan.json");
        Files.writeString(plan, planJson);
        Map<String, String> env = new HashMap<>(FAST);
        env.putAll(extraEnv);
        Process process = MeetloadJar.start(out.resolve("cli.log"), env, "run", plan.toString(), "--out", out.toString());
        return new CliRun(process, out);
    }

    /** Waits for the CLI to end; returns its exit code. */
    int awaitExit(Duration atMost) throws InterruptedException, IOException {
        assertTrue(process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS),
                "the run ends within " + atMost + "; log:\n" + log());
        return process.exitValue();
    }

    JsonNode verdict() throws IOException {
        return Json.MAPPER.readTree(out.resolve("verdict.json").toFile());
    }

    String log() throws IOException {
        return Files.readString(out.resolve("cli.log"));
    }

    /** Every worker log of the run, joined. */
    String workerLogs() throws IOException {
        if (!Files.isDirectory(out.resolve("runs"))) {
            return "";
        }
        try (Stream<Path> files = Files.walk(out.resolve("runs"))) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(p -> p.getFileName().toString().matches("instance-\\d+\\.log")).toList()) {
                all.append(Files.readString(f));
            }
            return all.toString();
        }
    }

    void awaitInWorkerLogs(String text, int times, Duration atMost) {
        await(times + " x '" + text + "' in the worker logs").atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> workerLogs().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times);
    }

    /** The worker process of instance {@code index}, found among the CLI's descendants. */
    Optional<ProcessHandle> worker(int index) {
        return process.descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("worker")).orElse(false))
                .filter(p -> String.valueOf(index).equals(environ(p.pid()).get("JOB_COMPLETION_INDEX")))
                .findFirst();
    }

    /** The main Chromium process of one participant (its profile folder carries its id). */
    Optional<ProcessHandle> browser(String participant) {
        return process.descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).stream()
                        .anyMatch(s -> s.startsWith("--user-data-dir=") && s.contains("meetload-" + participant + "-"))
                        && List.of(a).stream().noneMatch(s -> s.startsWith("--type="))).orElse(false))
                .findFirst();
    }

    static Map<String, String> environ(long pid) {
        Map<String, String> env = new HashMap<>();
        try {
            for (String entry : Files.readString(Path.of("/proc", String.valueOf(pid), "environ")).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // gone or not readable: no environment
        }
        return env;
    }

    /** Nothing of the run may be left: no worker, no chromedriver, no browser. */
    void assertNothingLeft() throws IOException {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("run (r-[0-9a-f-]+):").matcher(log());
        assertTrue(id.find(), "the CLI names its run: " + log());
        await("no worker, chromedriver or browser of run " + id.group(1) + " outlives it")
                .atMost(Duration.ofSeconds(30)).until(() ->
                        io.meetload.launch.ProcessTrees.withEnvironment("MEETLOAD_WORKER_RUN", id.group(1)).isEmpty()
                                && ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                                .map(a -> String.join(" ", a).contains(out.toString())).orElse(false)));
    }

    void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
