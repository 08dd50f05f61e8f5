package io.meetload.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the coordinator's own heap figures from its /q/metrics every {@code period}: the heap in
 * use (all heap pools summed, garbage included) and the heap's maximum; keeps the largest use.
 */
final class HeapSampler implements AutoCloseable {

    private final HttpClient http;
    private final URI metrics;
    private final Duration period;
    private final AtomicLong heapUsedMax = new AtomicLong(-1);
    private final AtomicLong heapMax = new AtomicLong(-1);
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(HttpClient http, URI base, Duration period) {
        this.http = http;
        this.metrics = base.resolve("/q/metrics");
        this.period = period;
        this.thread = new Thread(this::loop, "heap-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            long next = System.nanoTime() + period.toNanos();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    read(response.body());
                    samples.incrementAndGet();
                } else {
                    misses.incrementAndGet();
                }
            } catch (Exception e) {
                misses.incrementAndGet();
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                // a fixed sampling period (this waits for no condition)
                java.util.concurrent.locks.LockSupport.parkNanos(this, wait);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    private void read(String text) {
        long used = 0;
        long max = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += value(line);
            } else if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")) {
                max += Math.max(0, value(line));
            }
        }
        heapUsedMax.accumulateAndGet(used, Math::max);
        heapMax.set(max);
    }

    private static long value(String line) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    long heapUsedMax() {
        return heapUsedMax.get();
    }

    long heapMax() {
        return heapMax.get();
    }

    int samples() {
        return samples.get();
    }

    int misses() {
        return misses.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
