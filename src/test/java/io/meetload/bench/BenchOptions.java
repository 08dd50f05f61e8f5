package io.meetload.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The bench's command line: each option has a default that is the scenario it is meant to measure. */
record BenchOptions(int instances, int samples, int heartbeats, int threads, long seed, Optional<String> xmx,
                    Path jar, Path workDir, Duration verdictTimeout, Optional<Path> jfr, boolean workersExit,
                    int warmUps) {

    static final String USAGE = """
            usage: bench/coordinator-scale [--instances 1000] [--samples 720] [--heartbeats 3] [--threads 32]
                                           [--seed 42] [--xmx 384m] [--jar target/quarkus-app/quarkus-run.jar]
                                           [--work target/bench-scale] [--verdict-timeout 600] [--jfr FILE]
                                           [--workers-exit after-report|never] [--warm-up 0]
              --instances        simulated instances, 2 participants each (1..1000)
              --samples          samples per participant and host samples per instance, one per 5 s (720 = 1 h)
              --heartbeats       heartbeats each instance posts before its report
              --threads          concurrent HTTP clients
              --xmx              the coordinator's -Xmx (default 384m, as in k8s/base; "": the JVM's default)
              --verdict-timeout  seconds to wait for the verdict after the last report
              --jfr              record the coordinator with Java Flight Recorder (profile settings) into FILE
              --workers-exit     after-report: each launched stand-in worker exits once its report is accepted, as a
                                 worker does; never: they run until the run's end stops all of them
              --warm-up          runs of 20 instances the coordinator takes before the measured one""";

    static BenchOptions parse(String[] args) {
        int instances = 1000;
        int samples = 720;
        int heartbeats = 3;
        int threads = 32;
        long seed = 42;
        // The heap the coordinator has in Kubernetes: k8s/base/deployment.yaml gives it a 512 MiB
        // limit and -XX:MaxRAMPercentage=75. An empty --xmx leaves the JVM's default (a quarter of the RAM).
        Optional<String> xmx = Optional.of("384m");
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        Path work = Path.of("target", "bench-scale");
        Duration verdictTimeout = Duration.ofMinutes(10);
        Optional<Path> jfr = Optional.empty();
        boolean workersExit = true;
        int warmUps = 0;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + ": needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--instances" -> instances = between(name, value, 1, 1000);
                case "--samples" -> samples = between(name, value, 1, 100_000);
                case "--heartbeats" -> heartbeats = between(name, value, 0, 10_000);
                case "--threads" -> threads = between(name, value, 1, 1024);
                case "--seed" -> seed = Long.parseLong(value);
                case "--xmx" -> xmx = value.isBlank() ? Optional.empty() : Optional.of(value);
                case "--jar" -> jar = Path.of(value);
                case "--work" -> work = Path.of(value);
                case "--verdict-timeout" -> verdictTimeout = Duration.ofSeconds(between(name, value, 1, 86_400));
                case "--warm-up" -> warmUps = between(name, value, 0, 100);
                case "--jfr" -> jfr = Optional.of(Path.of(value).toAbsolutePath());
                case "--workers-exit" -> workersExit = switch (value) {
                    case "after-report" -> true;
                    case "never" -> false;
                    default -> throw new IllegalArgumentException(name + ": must be after-report or never, was " + value);
                };
                default -> throw new IllegalArgumentException(name + ": unknown option");
            }
        }
        return new BenchOptions(instances, samples, heartbeats, threads, seed, xmx, jar, work, verdictTimeout, jfr, workersExit, warmUps);
    }

    private static int between(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": must be an integer between " + min + " and " + max + ", was " + value);
    }
}
