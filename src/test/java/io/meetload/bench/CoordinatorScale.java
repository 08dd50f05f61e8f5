package io.meetload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.instance.Json;
import io.meetload.plan.PlanFiles;
import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * bench/coordinator-scale: a real coordinator process takes one run of many instances, whose
 * heartbeats and whole-run reports the bench posts concurrently over loopback HTTP as the workers
 * would; prints what was taken, what was lost, how soon the verdict followed the last report, and
 * what it cost the coordinator in heap, resident memory and CPU. Not a test: it prints figures.
 */
public final class CoordinatorScale {

    /** Enough for the verdict's and the page's loops to be compiled before the measured run. */
    private static final int WARM_UP_INSTANCES = 20;

    private final BenchOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private CoordinatorScale(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(64);
            return;
        }
        System.exit(new CoordinatorScale(options).run() ? 0 : 1);
    }

    /** What one run left: its id, its verdict (null when none came in time) and its timings. */
    private record Outcome(String id, SimulatedWorkers workers, JsonNode verdict, long createNanos, long postNanos,
                           long verdictNanos, double cpuToVerdict, long doneNanos) {
    }

    private boolean run() throws Exception {
        long wallStart = System.nanoTime();
        Path work = options.workDir().toAbsolutePath();
        CoordinatorProcess.endLeftOver(work.resolve("coordinator.log"));
        SimulatedWorkers.endLeftStandIns(work.resolve("data"));
        deleteTree(work);
        Path data = work.resolve("data");
        Files.createDirectories(data);
        Table table = new Table();
        String loadBefore = loadavg();
        Outcome outcome;
        try (CoordinatorProcess coordinator = CoordinatorProcess.start(options.jar().toAbsolutePath(), data,
                work.resolve("coordinator.log"), work.resolve("gc.log"), options.xmx(), options.jfr())) {
            coordinator.awaitReady(http, Duration.ofMinutes(3));
            for (int w = 0; w < options.warmUps(); w++) {
                Outcome warm = runOnce(coordinator, data, WARM_UP_INSTANCES, options.samples(), 1);
                System.out.println("warm-up run " + warm.id() + ": " + status(warm));
            }
            double cpuBefore = coordinator.cpuSeconds();
            try (HeapSampler heap = new HeapSampler(http, coordinator.base(), Duration.ofMillis(200))) {
                outcome = runOnce(coordinator, data, options.instances(), options.samples(), options.heartbeats());
                // the peak of a sample still in flight is wanted too: two more sampling periods
                LockSupport.parkNanos(Duration.ofMillis(400).toNanos());
                heap.close();
                figures(table, outcome, data.resolve(outcome.id()), heap, coordinator, work,
                        coordinator.cpuSeconds() - cpuBefore, wallStart);
            }
        }
        table.row("/proc/loadavg before", loadBefore, "");
        table.row("/proc/loadavg after", loadavg(), "");
        table.print(System.out);
        System.out.println("coordinator log, GC log and run store: " + work);
        return outcome.verdict() != null;
    }

    /** Creates a run, plays its workers, waits for its verdict; a run left without one is cancelled. */
    private Outcome runOnce(CoordinatorProcess coordinator, Path data, int instances, int samples, int heartbeats)
            throws IOException, InterruptedException {
        String planText = planText(instances, samples);
        byte[] planBytes = planText.getBytes(StandardCharsets.UTF_8);
        RunPlan plan = new PlanParser().parse(planText);
        URI base = coordinator.base();
        long createStart = System.nanoTime();
        String id = create(base, planBytes);
        long createNanos = System.nanoTime() - createStart;
        JsonNode verdict = null;
        try {
            Path runDir = data.resolve(id);
            String token = Files.readString(runDir.resolve("worker-token")).trim();
            Instant startedAt = Instant.parse(get(base.resolve("/api/runs/" + id)).get("startedAt").asText());
            SimulatedWorkers workers = new SimulatedWorkers(http, instances, heartbeats, options.workersExit());
            long postStart = System.nanoTime();
            workers.postAll(base, runDir, id, token, PlanFiles.digest(planBytes), plan, startedAt, samples,
                    options.seed(), options.threads());
            long postNanos = System.nanoTime() - postStart;
            double cpuAtLastReport = coordinator.cpuSeconds();
            verdict = awaitVerdict(base, id);
            long verdictNanos = System.nanoTime() - workers.lastAcceptedNanos.get();
            double cpuToVerdict = coordinator.cpuSeconds() - cpuAtLastReport;
            // The page is drawn after the verdict is published; the run is DONE once it is on disk.
            long doneNanos = awaitDone(base, id) ? System.nanoTime() - workers.lastAcceptedNanos.get() : -1;
            return new Outcome(id, workers, verdict, createNanos, postNanos, verdictNanos, cpuToVerdict, doneNanos);
        } finally {
            if (verdict == null) {
                cancel(base, id);
            }
        }
    }

    private void figures(Table table, Outcome o, Path runDir, HeapSampler heap, CoordinatorProcess coordinator,
                         Path work, double cpu, long wallStart) throws IOException {
        SimulatedWorkers w = o.workers();
        int n = options.instances();
        int stored = 0;
        for (int i = 0; i < n; i++) {
            Optional<String> sha = storedSha(runDir.resolve("instances").resolve(Integer.toString(i)).resolve("report.json"));
            stored += sha.isPresent() && sha.get().equals(w.postedSha[i]) ? 1 : 0;
        }
        int counted = 0;
        if (o.verdict() != null) {
            for (JsonNode instance : o.verdict().path("instances")) {
                counted += "REPORTED".equals(instance.path("outcome").asText()) ? 1 : 0;
            }
        }
        int posted = w.reportsPosted.get();
        int kept = Math.min(w.reportsAccepted.get(), Math.min(stored, counted));
        table.title(String.format("coordinator-scale: %d instances x 2 participants, %d samples each (%s at %ds), "
                        + "%d heartbeats per instance, %d client threads, seed %d, -Xmx %s, stand-in workers exit %s, "
                        + "%d warm-up run(s)", n, options.samples(),
                SimulatedInstance.INTERVAL.multipliedBy(options.samples()), SimulatedInstance.INTERVAL.toSeconds(),
                options.heartbeats(), options.threads(), options.seed(), options.xmx().orElse("unset"),
                options.workersExit() ? "after their report" : "never (the end stops them)", options.warmUps()));
        table.row("reports posted", String.format("%d (%s)", posted, Table.bytes(w.bytesPosted.get())), "");
        table.row("reports accepted (200, accepted:true)", w.reportsAccepted.get(), "= posted");
        table.row("report files stored, bytes equal to those posted", stored, "= accepted");
        table.row("instances REPORTED in the verdict", counted, "= accepted");
        table.row("reports lost", posted - kept, "0");
        table.row("report POST latency p50 / p99 / max", latencies(w.reportMillis), "");
        table.row("heartbeats posted / accepted", w.heartbeatsPosted.get() + " / " + w.heartbeatsAccepted.get(), "all");
        table.row("refusals", w.refusals(), "none");
        table.row("last report accepted -> verdict available", Table.seconds(o.verdictNanos()), "<= 2 s");
        table.row("  coordinator CPU meanwhile (all its threads)", String.format("%.1f s", o.cpuToVerdict()), "");
        table.row("last report accepted -> run DONE (report page written)",
                o.doneNanos() < 0 ? "not within the verdict timeout" : Table.seconds(o.doneNanos()), "");
        table.row("  the end as the coordinator logged it", endingLine(coordinator.log(), o.id()), "");
        table.row("coordinator peak heap used (/q/metrics every 200 ms)", Table.bytes(heap.heapUsedMax())
                + " (" + heap.samples() + " samples, " + heap.misses() + " missed)", "<= 512 MB (488 MiB)");
        table.row("coordinator peak heap right after a collection (gc.log)",
                Table.bytes(CoordinatorProcess.heapAfterGcMax(work.resolve("gc.log"))), "");
        table.row("coordinator max heap (jvm_memory_max, heap)", Table.bytes(heap.heapMax()), "");
        table.row("coordinator peak RSS (VmHWM)", Table.bytes(coordinator.statusBytes("VmHWM")), "");
        table.row("coordinator CPU time during the run (user + system)", String.format("%.1f s", cpu), "");
        table.row("run created (POST /api/runs, " + n + " launches)", Table.seconds(o.createNanos()), "");
        table.row("posting reports and heartbeats", Table.seconds(o.postNanos()), "");
        table.row("wall time of the whole bench", Table.seconds(System.nanoTime() - wallStart), "");
        table.row("verdict status", status(o), "PASS");
    }

    private static String status(Outcome o) {
        return o.verdict() == null ? "none (timed out)" : o.verdict().path("status").asText();
    }

    private String create(URI base, byte[] plan) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/runs"))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(plan)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("POST /api/runs: " + response.statusCode() + " " + response.body());
        }
        JsonNode created = Json.MAPPER.readTree(response.body());
        if (!"RUNNING".equals(created.path("status").asText())) {
            throw new IOException("the run did not start: " + response.body());
        }
        return created.path("id").asText();
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + ": " + response.statusCode() + " " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** Polls GET .../verdict every 20 ms until it is there (200); null when it is not there within the limit. */
    private JsonNode awaitVerdict(URI base, String id) throws IOException, InterruptedException {
        URI uri = base.resolve("/api/runs/" + id + "/verdict");
        long until = System.nanoTime() + options.verdictTimeout().toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                return Json.MAPPER.readTree(response.body());
            }
            if (response.statusCode() != 409) {
                throw new IOException("GET " + uri + ": " + response.statusCode());
            }
            // paces a poll that has its own deadline
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return null;
    }

    /** Polls GET /api/runs/{id} every 20 ms until the run is DONE; false when it is not within the limit. */
    private boolean awaitDone(URI base, String id) throws IOException, InterruptedException {
        long until = System.nanoTime() + options.verdictTimeout().toNanos();
        while (System.nanoTime() < until) {
            if ("DONE".equals(get(base.resolve("/api/runs/" + id)).path("status").asText())) {
                return true;
            }
            // paces a poll that has its own deadline
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return false;
    }

    private void cancel(URI base, String id) {
        try {
            http.send(HttpRequest.newBuilder(base.resolve("/api/runs/" + id + "/cancel")).timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            System.err.println("could not cancel run " + id + " (its stand-in workers may be left): " + e);
        }
    }

    /** Two participants per instance, one two-person room each, everyone sending; as long as the samples span. */
    private static String planText(int instances, int samples) {
        int participants = 2 * instances;
        return """
                {
                  "schema": 1,
                  "name": "coordinator-scale",
                  "target": { "driver": "janus", "url": "http://127.0.0.1:8088/janus", "room": 1000 },
                  "rooms": %d,
                  "participants": %d,
                  "videoSenders": %d,
                  "audioSenders": %d,
                  "instances": %d,
                  "duration": "%s",
                  "rampUp": "PT1M",
                  "video": { "width": 640, "height": 360, "fps": 30 },
                  "instanceSize": { "cpu": "2", "memory": "4Gi" },
                  "thresholds": { "minReceiveBitrateKbps": 100, "maxPacketLossRatio": 0.05, "maxGeneratorCpuRatio": 0.9 }
                }
                """.formatted(instances, participants, participants, participants, instances,
                SimulatedInstance.INTERVAL.multipliedBy(samples));
    }

    /** "ended in 10.7 s: stopping 2.7 s, ..." from the coordinator's log line that says the run is done. */
    private static String endingLine(Path log, String id) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("run " + id + ": DONE") && l.contains("(ended"))
                    .map(l -> l.substring(l.indexOf("(ended") + 1))
                    .map(l -> l.endsWith(")") ? l.substring(0, l.length() - 1) : l).findFirst().orElse("-");
        } catch (IOException | RuntimeException e) {
            return "-";
        }
    }

    private static String latencies(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return "-";
        }
        return String.format("%d / %d / %d ms", sorted[sorted.length / 2],
                sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)], sorted[sorted.length - 1]);
    }

    private static Optional<String> storedSha(Path file) throws IOException {
        try {
            return Optional.of(SimulatedWorkers.sha256(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
