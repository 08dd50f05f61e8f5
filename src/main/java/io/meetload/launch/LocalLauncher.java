package io.meetload.launch;

import io.meetload.instance.InstanceFact;
import io.meetload.instance.Json;
import io.meetload.coordinator.AtomicFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs each instance as a child process of this same binary in the worker role, output to
 * logs/instance-I.log. Each child's pid and start time go to instances/I/process.json, and its
 * exit code to instances/I/exit.json when this process sees it end, so a coordinator restarted
 * meanwhile still knows its children (or that they vanished while it was down).
 */
@ApplicationScoped
@Named("local")
public class LocalLauncher implements Launcher {

    private static final Logger LOG = Logger.getLogger(LocalLauncher.class);
    /** Start times are read from /proc in clock ticks: allow for rounding between two reads. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private final WorkerCommand command;
    private final Duration stopGrace;
    private final Clock clock;
    private final Map<Path, Process> children = new ConcurrentHashMap<>();
    /** How this process's children ended, as also written to their exit.json. */
    private final Map<Path, ChildExit> exits = new ConcurrentHashMap<>();

    @Inject
    public LocalLauncher(LocalConfig config, Clock clock) {
        this(WorkerCommand.from(config), config.stopGrace(), clock);
    }

    public LocalLauncher(WorkerCommand command, Duration stopGrace, Clock clock) {
        this.command = command;
        this.stopGrace = stopGrace;
        this.clock = clock;
    }

    @Override
    public void launch(RunLaunch launch) throws LaunchException {
        List<String> words;
        try {
            words = command.words();
        } catch (IllegalStateException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        int count = launch.plan().instances();
        List<ProcessHandle> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                started.add(start(launch, i, words).toHandle());
            } catch (IOException | RuntimeException e) {
                List<ProcessHandle> left = ProcessTrees.end(started, Duration.ofSeconds(2), clock);
                throw new LaunchException("instance " + i + " of " + count + ": cannot start " + words.get(0) + ": "
                        + e.getMessage() + (left.isEmpty() ? "" : "; still alive: " + left), e);
            }
        }
        LOG.infof("run %s: started %d local worker process(es)", launch.runId(), count);
    }

    private Process start(RunLaunch launch, int index, List<String> words) throws IOException {
        Path instanceDir = instanceDir(launch, index);
        Files.createDirectories(instanceDir);
        Path log = launch.runDir().resolve("logs").resolve("instance-" + index + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(words)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("JOB_COMPLETION_INDEX", Integer.toString(index));
        env.put("MEETLOAD_WORKER_PLAN", launch.planFile().toAbsolutePath().toString());
        env.put("MEETLOAD_WORKER_COUNT", Integer.toString(launch.plan().instances()));
        env.put(RUN_VARIABLE, launch.runId());
        env.put("MEETLOAD_WORKER_COORDINATOR_URL", launch.coordinatorUrl().toString());
        env.put("MEETLOAD_WORKER_TOKEN", launch.workerToken());
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("SE_OFFLINE", "true"); // Selenium must never try to download a browser or driver
        // The worker's own copy; instances/I/report.json is the coordinator's accepted report.
        env.put("MEETLOAD_WORKER_REPORT_FILE", instanceDir.resolve("worker-report.json").toAbsolutePath().toString());
        Process process = builder.start();
        Instant startedAt = process.info().startInstant().orElse(clock.instant());
        AtomicFiles.write(instanceDir.resolve("process.json"),
                Json.MAPPER.writeValueAsBytes(new ChildRecord(index, process.pid(), startedAt, words)));
        children.put(instanceDir, process);
        process.onExit().thenAccept(p -> recordExit(instanceDir, index, p));
        return process;
    }

    private void recordExit(Path instanceDir, int index, Process process) {
        ChildExit exit = new ChildExit(index, process.pid(), process.exitValue(), clock.instant());
        exits.put(instanceDir, exit);
        try {
            AtomicFiles.write(instanceDir.resolve("exit.json"), Json.MAPPER.writeValueAsBytes(exit));
        } catch (IOException e) {
            LOG.warnf("cannot record the exit of instance %d (%s): %s", index, instanceDir, e.getMessage());
        }
    }

    @Override
    public Map<Integer, InstanceStatus> status(RunLaunch launch) {
        Map<Integer, InstanceStatus> all = new TreeMap<>();
        for (int i = 0; i < launch.plan().instances(); i++) {
            // A child of this process needs neither its files nor a search by pid (a dead child not
            // reaped yet is not running): with a thousand instances those reads took longer than
            // the check interval itself.
            Path dir = instanceDir(launch, i);
            Process own = children.get(dir);
            if (own != null && own.isAlive() && ProcessTrees.running(own.toHandle())) {
                all.put(i, new InstanceStatus(i, true, Optional.empty()));
                continue;
            }
            if (own != null && !own.isAlive()) {
                ChildExit seen = exits.get(dir);
                all.put(i, exited(seen != null ? seen : new ChildExit(i, own.pid(), own.exitValue(), clock.instant())));
                continue;
            }
            Optional<ChildRecord> record = record(launch, i);
            if (record.isPresent()) {
                all.put(i, status(launch, record.get()));
            }
        }
        return all;
    }

    private InstanceStatus status(RunLaunch launch, ChildRecord record) {
        Path dir = instanceDir(launch, record.index());
        Optional<ChildExit> exit = read(dir.resolve("exit.json"), ChildExit.class);
        Process own = children.get(dir);
        if (exit.isEmpty() && own != null && !ProcessTrees.running(own.toHandle()) && ended(own)) {
            exit = Optional.of(new ChildExit(record.index(), own.pid(), own.exitValue(), clock.instant()));
        }
        if (exit.isPresent()) {
            return exited(exit.get());
        }
        if (handle(record).isPresent()) {
            return new InstanceStatus(record.index(), true, Optional.empty());
        }
        return ended(record.index(), clock.instant(), null, null, "process " + record.pid()
                + " is gone: it ended while the coordinator was not watching, exit code unknown");
    }

    private static InstanceStatus exited(ChildExit exit) {
        int code = exit.exitCode();
        return ended(exit.index(), exit.at(), code, ExitCodes.signal(code),
                "process " + exit.pid() + " " + ExitCodes.describe(code));
    }

    /** A child that has exited but is not reaped yet gets a moment for its exit code. */
    private static boolean ended(Process own) {
        try {
            return own.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static InstanceStatus ended(int index, Instant at, Integer code, String signal, String message) {
        return new InstanceStatus(index, false,
                Optional.of(new InstanceFact(index, InstanceFact.Outcome.LOST, at, code, signal, message)));
    }

    @Override
    public void stop(RunLaunch launch, String why) {
        List<ProcessHandle> roots = new ArrayList<>();
        for (int i = 0; i < launch.plan().instances(); i++) {
            Process own = children.get(instanceDir(launch, i));
            if (own != null) {
                if (own.isAlive()) {
                    roots.add(own.toHandle());
                }
            } else {
                // started by an earlier coordinator process: found by its record, if still alive
                record(launch, i).flatMap(this::handle).ifPresent(roots::add);
            }
        }
        if (!roots.isEmpty()) {
            LOG.infof("run %s: stopping %d worker process(es): %s", launch.runId(), roots.size(), why);
            List<ProcessHandle> left = ProcessTrees.end(roots, stopGrace, clock);
            if (!left.isEmpty()) {
                LOG.errorf("run %s: still alive after SIGKILL: %s", launch.runId(), left);
            }
        }
        // A worker killed outright leaves its chromedrivers and browsers to init, out of reach of
        // its tree; they still carry the run id in their environment.
        List<ProcessHandle> orphans = ProcessTrees.withEnvironment(RUN_VARIABLE, launch.runId());
        if (!orphans.isEmpty()) {
            LOG.warnf("run %s: ending %d process(es) its workers left behind", launch.runId(), orphans.size());
            ProcessTrees.end(orphans, Duration.ofSeconds(2), clock);
        }
    }

    /** The variable that carries the run id into every worker and what it starts. */
    static final String RUN_VARIABLE = "MEETLOAD_WORKER_RUN";

    /** The live process of a record: same pid and same start time (a reused pid is someone else). */
    Optional<ProcessHandle> handle(ChildRecord record) {
        return ProcessHandle.of(record.pid())
                .filter(ProcessTrees::running)
                .filter(h -> h.info().startInstant()
                        .map(t -> Duration.between(t, record.startedAt()).abs().compareTo(START_TOLERANCE) <= 0)
                        .orElse(false));
    }

    Optional<ChildRecord> record(RunLaunch launch, int index) {
        return read(instanceDir(launch, index).resolve("process.json"), ChildRecord.class);
    }

    private static Path instanceDir(RunLaunch launch, int index) {
        return launch.runDir().resolve("instances").resolve(Integer.toString(index));
    }

    private static <T> Optional<T> read(Path file, Class<T> type) {
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readAllBytes(file), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warnf("cannot read %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }
}
