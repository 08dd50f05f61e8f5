package io.meetload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.instance.Json;
import io.meetload.plan.RunPlan;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
 * The workers of one run, played over HTTP: each instance posts its heartbeats, then its report,
 * on a pool of client threads; once its report is accepted, its launched stand-in process exits
 * (when asked to), as a worker does. Counts what was posted, taken and refused.
 */
final class SimulatedWorkers {

    private final HttpClient http;
    private final int heartbeats;
    private final boolean standInsExit;
    final AtomicInteger heartbeatsPosted = new AtomicInteger();
    final AtomicInteger heartbeatsAccepted = new AtomicInteger();
    final AtomicInteger reportsPosted = new AtomicInteger();
    final AtomicInteger reportsAccepted = new AtomicInteger();
    final AtomicLong bytesPosted = new AtomicLong();
    /** System.nanoTime() when the last accepted report's answer came. */
    final AtomicLong lastAcceptedNanos = new AtomicLong();
    final String[] postedSha;
    final long[] reportMillis;
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Map<String, String> firstRefusal = new ConcurrentHashMap<>();

    SimulatedWorkers(HttpClient http, int instances, int heartbeats, boolean standInsExit) {
        this.http = http;
        this.heartbeats = heartbeats;
        this.standInsExit = standInsExit;
        this.postedSha = new String[instances];
        this.reportMillis = new long[instances];
    }

    /** Posts every instance's heartbeats and report on {@code threads} threads; returns when all are answered. */
    void postAll(URI base, Path runDir, String id, String token, String digest, RunPlan plan, Instant startedAt,
                 int samples, long seed, int threads) throws InterruptedException, IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < plan.instances(); i++) {
            SimulatedInstance instance = new SimulatedInstance(id, digest, plan, i, startedAt, samples, seed);
            URI uri = base.resolve("/api/runs/" + id + "/instances/" + i + "/");
            Path instanceDir = runDir.resolve("instances").resolve(Integer.toString(i));
            int index = i;
            pool.submit(() -> {
                if (post(instance, uri, token, index) && standInsExit) {
                    endStandIn(instanceDir);
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
            pool.shutdownNow();
            throw new IOException("posting did not finish within 2 h");
        }
    }

    /** One instance: its heartbeats over the run, then its report; true when the report was accepted. */
    private boolean post(SimulatedInstance instance, URI uri, String token, int index) {
        for (int k = 0; k < heartbeats; k++) {
            byte[] body = bytes(instance.heartbeat(k, heartbeats));
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
            return true;
        }
        return false;
    }

    /** The instance's stand-in process exits as a worker does after its report: SIGTERM to it (pid and start time). */
    private static void endStandIn(Path instanceDir) {
        try {
            JsonNode record = Json.MAPPER.readTree(instanceDir.resolve("process.json").toFile());
            Instant started = Instant.parse(record.path("startedAt").asText());
            ProcessHandle.of(record.path("pid").asLong())
                    .filter(p -> p.info().startInstant()
                            .map(t -> Duration.between(t, started).abs().compareTo(Duration.ofSeconds(1)) <= 0)
                            .orElse(false))
                    .ifPresent(ProcessHandle::destroy);
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot end the stand-in worker of " + instanceDir + ": " + e);
        }
    }

    /** Stand-ins a bench that died before its run ended left running (their coordinator died with it). */
    static void endLeftStandIns(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            return;
        }
        try (Stream<Path> records = Files.find(data, 4, (p, a) -> p.getFileName().toString().equals("process.json"))) {
            records.forEach(r -> endStandIn(r.getParent()));
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

    /** "report 409 x2 (first: ...); ..." or "none". */
    String refusals() {
        if (refusals.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(refusals).forEach((k, v) -> text.append(text.isEmpty() ? "" : "; ").append(k).append(" x")
                .append(v.get()).append(" (first: ").append(firstRefusal.get(k)).append(")"));
        return text.toString();
    }

    private static byte[] bytes(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
