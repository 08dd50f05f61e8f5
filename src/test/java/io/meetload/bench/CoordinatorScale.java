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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * bench/coordinator-scale: a real coordinator process takes one run of many instances, whose
 * heartbeats and whole-run reports the bench posts concurrently over loopback HTTP as the workers
 * would; prints what was taken, what was lost, how soon the verdict followed the last report, and
 * what it cost the coordinator in heap, resident memory and CPU. Not a test: it prints figures.
 */
public final class CoordinatorScale {

    private final BenchOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger heartbeatsPosted = new AtomicInteger();
    private final AtomicInteger heartbeatsAccepted = new AtomicInteger();
    private final AtomicInteger reportsPosted = new AtomicInteger();
    private final AtomicInteger reportsAccepted = new AtomicInteger();
    private final AtomicLong bytesPosted = new AtomicLong();
    private final AtomicLong lastAcceptedNanos = new AtomicLong();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Map<String, String> firstRefusal = new ConcurrentHashMap<>();

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

    private boolean run() throws Exception {
        long wallStart = System.nanoTime();
        Path work = options.workDir().toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work.resolve("data"));
        String planText = planText();
        byte[] planBytes = planText.getBytes(StandardCharsets.UTF_8);
        RunPlan plan = new PlanParser().parse(planText);
        int n = plan.instances();
        String[] postedSha = new String[n];
        long[] reportMillis = new long[n];
        Table table = new Table();
        String loadBefore = loadavg();

        try (CoordinatorProcess coordinator = CoordinatorProcess.start(options.jar().toAbsolutePath(),
                work.resolve("data"), work.resolve("coordinator.log"), work.resolve("gc.log"), options.xmx())) {
            coordinator.awaitReady(http, Duration.ofMinutes(3));
            String id = null;
            boolean ended = false;
            try (HeapSampler heap = new HeapSampler(http, coordinator.base(), Duration.ofMillis(200))) {
                long createStart = System.nanoTime();
                id = create(coordinator.base(), planBytes);
                long createNanos = System.nanoTime() - createStart;
                Path runDir = work.resolve("data").resolve(id);
                String token = Files.readString(runDir.resolve("worker-token")).trim();
                Instant startedAt = Instant.parse(get(coordinator.base().resolve("/api/runs/" + id)).get("startedAt").asText());
                String digest = PlanFiles.digest(planBytes);

                long postStart = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(options.threads());
                for (int i = 0; i < n; i++) {
                    SimulatedInstance instance = new SimulatedInstance(id, digest, plan, i, startedAt,
                            options.samples(), options.seed());
                    URI instanceUri = coordinator.base().resolve("/api/runs/" + id + "/instances/" + i + "/");
                    int index = i;
                    pool.submit(() -> {
                        post(instance, instanceUri, token, index, postedSha, reportMillis);
                        return null;
                    });
                }
                pool.shutdown();
                if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
                    throw new IOException("posting did not finish within 2 h");
                }
                long postNanos = System.nanoTime() - postStart;
                double cpuAtLastReport = coordinator.cpuSeconds();

                JsonNode verdict = awaitVerdict(coordinator.base(), id);
                long verdictNanos = System.nanoTime() - lastAcceptedNanos.get();
                double cpuToVerdict = coordinator.cpuSeconds() - cpuAtLastReport;
                ended = verdict != null;
                // the peak of a sample still in flight is wanted too
                TimeUnit.MILLISECONDS.sleep(400);
                heap.close();

                int stored = 0;
                for (int i = 0; i < n; i++) {
                    Optional<String> sha = storedSha(runDir.resolve("instances").resolve(Integer.toString(i))
                            .resolve("report.json"));
                    stored += sha.isPresent() && sha.get().equals(postedSha[i]) ? 1 : 0;
                }
                int verdictReported = 0;
                if (verdict != null) {
                    for (JsonNode instance : verdict.path("instances")) {
                        verdictReported += "REPORTED".equals(instance.path("outcome").asText()) ? 1 : 0;
                    }
                }
                int posted = reportsPosted.get();
                int kept = Math.min(reportsAccepted.get(), Math.min(stored, verdictReported));

                table.title(String.format("coordinator-scale: %d instances x %d participants, %d samples each "
                                + "(%s at %ds), %d heartbeats per instance, %d client threads, seed %d, -Xmx %s",
                        n, plan.participants() / n, options.samples(),
                        SimulatedInstance.INTERVAL.multipliedBy(options.samples()),
                        SimulatedInstance.INTERVAL.toSeconds(), options.heartbeats(), options.threads(),
                        options.seed(), options.xmx().orElse("unset")));
                table.row("reports posted", String.format("%d (%s)", posted, Table.bytes(bytesPosted.get())), "");
                table.row("reports accepted (200, accepted:true)", reportsAccepted.get(), "= posted");
                table.row("report files stored, bytes equal to those posted", stored, "= accepted");
                table.row("instances REPORTED in the verdict", verdictReported, "= accepted");
                table.row("reports lost", posted - kept, "0");
                table.row("report POST latency p50 / p99 / max", latencies(reportMillis), "");
                table.row("heartbeats posted / accepted", heartbeatsPosted.get() + " / " + heartbeatsAccepted.get(),
                        "all");
                table.row("refusals", refusals.isEmpty() ? "none" : refusalText(), "none");
                table.row("last report accepted -> verdict available", Table.seconds(verdictNanos), "<= 2 s");
                table.row("  coordinator CPU meanwhile (all its threads)", String.format("%.1f s", cpuToVerdict), "");
                table.row("  the end as the coordinator logged it", endingLine(coordinator.log(), id), "");
                table.row("coordinator peak heap used (/q/metrics every 200 ms)", Table.bytes(heap.heapUsedMax())
                        + " (" + heap.samples() + " samples, " + heap.misses() + " missed)", "<= 512 MiB");
                table.row("coordinator peak heap right after a collection (gc.log)",
                        Table.bytes(CoordinatorProcess.heapAfterGcMax(work.resolve("gc.log"))), "");
                table.row("coordinator max heap (jvm_memory_max, heap)", Table.bytes(heap.heapMax()), "");
                table.row("coordinator peak RSS (VmHWM)", Table.bytes(coordinator.statusBytes("VmHWM")), "");
                table.row("coordinator CPU time (user + system)", String.format("%.1f s", coordinator.cpuSeconds()), "");
                table.row("run created (POST /api/runs, " + n + " launches)", Table.seconds(createNanos), "");
                table.row("posting reports and heartbeats", Table.seconds(postNanos), "");
                table.row("wall time of the whole bench", Table.seconds(System.nanoTime() - wallStart), "");
                table.row("verdict status", verdict == null ? "none (timed out)" : verdict.path("status").asText(), "PASS");
            } finally {
                if (id != null && !ended) {
                    cancel(coordinator.base(), id);
                }
            }
        }
        table.row("/proc/loadavg before", loadBefore, "");
        table.row("/proc/loadavg after", loadavg(), "");
        table.print(System.out);
        System.out.println("coordinator log and run store: " + work);
        return true;
    }

    /** One simulated worker: its heartbeats over the run, then its report. */
    private void post(SimulatedInstance instance, URI uri, String token, int index, String[] postedSha,
                      long[] reportMillis) {
        for (int k = 0; k < options.heartbeats(); k++) {
            byte[] body = bytes(instance.heartbeat(k, options.heartbeats()));
            heartbeatsPosted.incrementAndGet();
            Optional<JsonNode> answer = send(uri.resolve("heartbeat"), token, body, "heartbeat");
            if (answer.isPresent() && answer.get().path("accepted").asBoolean()) {
                heartbeatsAccepted.incrementAndGet();
            }
        }
        byte[] report = bytes(instance.report());
        postedSha[index] = sha256(report);
        bytesPosted.addAndGet(report.length);
        reportsPosted.incrementAndGet();
        long start = System.nanoTime();
        Optional<JsonNode> answer = send(uri.resolve("report"), token, report, "report");
        long done = System.nanoTime();
        reportMillis[index] = (done - start) / 1_000_000;
        if (answer.isPresent() && answer.get().path("accepted").asBoolean()) {
            reportsAccepted.incrementAndGet();
            lastAcceptedNanos.accumulateAndGet(done, Math::max);
        }
    }

    private Optional<JsonNode> send(URI uri, String token, byte[] body, String what) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                return Optional.of(Json.MAPPER.readTree(response.body()));
            }
            refused(what + " " + response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            refused(what + " " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused(what + " interrupted", "");
        }
        return Optional.empty();
    }

    private void refused(String key, String message) {
        refusals.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        firstRefusal.putIfAbsent(key, message.length() > 200 ? message.substring(0, 200) : message);
    }

    private String refusalText() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(refusals).forEach((k, v) -> text.append(text.isEmpty() ? "" : "; ").append(k).append(" x")
                .append(v.get()).append(" (first: ").append(firstRefusal.get(k)).append(")"));
        return text.toString();
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

    /** Polls GET .../verdict until it is there (200); null when it is not there within the limit. */
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
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return null;
    }

    private void cancel(URI base, String id) {
        try {
            http.send(HttpRequest.newBuilder(base.resolve("/api/runs/" + id + "/cancel")).timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            System.err.println("could not cancel run " + id + " (its sleep processes may be left): " + e);
        }
    }

    private String planText() {
        int n = options.instances();
        int participants = 2 * n;
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
                """.formatted(n, participants, participants, participants, n,
                SimulatedInstance.INTERVAL.multipliedBy(options.samples()));
    }

    /** "ended in 10.7 s: stopping 2.7 s, ..." from the coordinator's log line that says the run is done. */
    private static String endingLine(Path log, String id) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("run " + id + ": DONE")).map(l -> l.substring(l.indexOf("(ended") + 1))
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

    private static byte[] bytes(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> storedSha(Path file) throws IOException {
        try {
            return Optional.of(sha256(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
