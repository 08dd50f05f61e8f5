package io.meetload.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coordinator under test: the packaged jar in the {@code serve} role, as its own process on a
 * free loopback port, with a run store of its own and a local launcher whose "workers" are
 * {@code sleep} processes (the bench's HTTP clients play the workers).
 */
final class CoordinatorProcess implements AutoCloseable {

    private static final Pattern AFTER_GC = Pattern.compile("\\d+M->(\\d+)M\\(\\d+M\\)");

    private final Process process;
    private final URI base;
    private final Path log;

    private CoordinatorProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static CoordinatorProcess start(Path jar, Path dataDir, Path log, Path gcLog, Optional<String> xmx,
                                    Optional<Path> jfr) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        xmx.ifPresent(x -> command.add("-Xmx" + x));
        // Every collection's heap before and after: the largest "after" is the live data at its peak.
        command.add("-Xlog:gc:file=" + gcLog);
        jfr.ifPresent(f -> command.add("-XX:StartFlightRecording=settings=profile,filename=" + f));
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("MEETLOAD_DATA_DIR", dataDir.toString());
        env.put("MEETLOAD_LAUNCHER", "local");
        // The API's own limits are for people's plans; this plan is 2,000 participants on purpose.
        env.put("MEETLOAD_API_MAX_PARTICIPANTS", "5000");
        env.put("MEETLOAD_API_MAX_DURATION", "PT24H");
        // A stand-in worker: a shell with a child, like a worker with its browsers; on SIGTERM it
        // ends its child and exits 0, as a worker does once it has reported.
        env.put("MEETLOAD_LOCAL_COMMAND", "sh,-c,sleep 7200 & trap \"kill $!; exit 0\" TERM; wait");
        env.put("MEETLOAD_LOCAL_STOP_GRACE", "10s");
        Process process = builder.start();
        Files.writeString(pidFile(log), process.pid() + " " + process.info().startInstant().map(Object::toString).orElse("")
                + "\n");
        return new CoordinatorProcess(process, URI.create("http://127.0.0.1:" + port), log);
    }

    /** A coordinator a bench that died left running (from the pid file beside its log, pid and start time). */
    static void endLeftOver(Path log) {
        try {
            String[] words = Files.readString(pidFile(log)).trim().split(" ");
            ProcessHandle.of(Long.parseLong(words[0]))
                    .filter(p -> words.length > 1 && p.info().startInstant().map(Object::toString).orElse("").equals(words[1]))
                    .ifPresent(p -> {
                        p.destroy();
                        p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
                    });
        } catch (IOException | RuntimeException e) {
            // none left, or not ours
        }
    }

    private static Path pidFile(Path log) {
        return log.resolveSibling("coordinator.pid");
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits until /q/health/ready answers 200; fails when the process exits first. */
    void awaitReady(HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IOException("the coordinator exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            // paces a poll that has its own deadline
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IOException("the coordinator was not ready within " + timeout + "; see " + log);
    }

    /** A line of /proc/PID/status in bytes (VmHWM: peak resident set), or -1 when it cannot be read. */
    long statusBytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not Linux
        }
        return -1;
    }

    /** CPU seconds (user + system) the process has used, from /proc/PID/stat; -1 when unknown. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 12 and 13 after the name; ticks of 1/100 s
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The largest heap occupancy right after a collection in the GC log ("120M->45M(256M)": 45M); -1 when none. */
    static long heapAfterGcMax(Path gcLog) {
        long max = -1;
        try {
            Matcher m = AFTER_GC.matcher(Files.readString(gcLog));
            while (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(1)) << 20);
            }
        } catch (IOException e) {
            // no log: unknown
        }
        return max;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
