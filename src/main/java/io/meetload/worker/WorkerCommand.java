package io.meetload.worker;

import io.meetload.driver.ConferenceDriver;
import io.meetload.driver.JanusDriver;
import io.meetload.driver.JitsiDriver;
import io.meetload.driver.JitsiSettings;
import io.meetload.plan.InvalidPlanException;
import io.meetload.plan.PlanFiles;
import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code meetload worker}: runs one instance of a plan. Its index comes from {@code --index} or
 * from {@code JOB_COMPLETION_INDEX} (a Kubernetes Indexed Job); the plan from {@code --plan},
 * the setting {@code meetload.worker.plan}, or the plan's JSON in {@code MEETLOAD_PLAN}.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run one instance of a plan: its share of the participants, sampled and reported.")
public class WorkerCommand implements Callable<Integer> {

    public static final int EXIT_USAGE = 64;
    public static final int EXIT_INTERNAL = 70;
    private static final Logger LOG = Logger.getLogger(WorkerCommand.class);

    @Option(names = "--plan", description = "The plan file (default: setting meetload.worker.plan, or MEETLOAD_PLAN).")
    Path planFile;

    @Option(names = "--index", description = "This instance's index, 0-based (default: JOB_COMPLETION_INDEX).")
    Integer index;

    @Option(names = "--count", description = "How many instances share the plan (default: the plan's instances).")
    Integer count;

    @Option(names = "--report", description = "Where to write the instance report.")
    Path reportFile;

    private final WorkerSettings settings;
    private final JitsiSettings jitsi;
    private final MeterRegistry registry;
    private final HostProbe hostProbe;
    private final HttpPort httpPort;
    private final WorkerLifecycle lifecycle;

    public WorkerCommand(WorkerSettings settings, JitsiSettings jitsi, MeterRegistry registry, HostProbe hostProbe,
                         HttpPort httpPort, WorkerLifecycle lifecycle) {
        this.settings = settings;
        this.jitsi = jitsi;
        this.registry = registry;
        this.hostProbe = hostProbe;
        this.httpPort = httpPort;
        this.lifecycle = lifecycle;
    }

    @Override
    public Integer call() {
        WorkerRunner.Job job;
        try {
            job = job();
        } catch (UsageException e) {
            System.err.println("meetload worker: " + e.getMessage());
            return EXIT_USAGE;
        }
        ConferenceDriver driver = switch (job.plan().target().driver()) {
            case JANUS -> new JanusDriver(settings.renderRemoteVideo(), settings.janusBitrate());
            case JITSI -> new JitsiDriver(jitsi);
        };
        WorkerRunner runner = new WorkerRunner(job, settings, driver, new BrowserFactory(settings), hostProbe,
                registry, Clock.systemUTC());
        lifecycle.running(runner);
        try {
            runner.run();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_INTERNAL;
        } catch (RuntimeException e) {
            LOG.error("the worker failed", e);
            return EXIT_INTERNAL;
        } finally {
            lifecycle.ended();
        }
    }

    private WorkerRunner.Job job() throws UsageException {
        byte[] planBytes;
        String source;
        Optional<Path> file = Optional.ofNullable(planFile).or(settings::plan);
        try {
            if (file.isPresent()) {
                source = file.get().toString();
                planBytes = PlanFiles.read(file.get());
            } else if (System.getenv("MEETLOAD_PLAN") != null) {
                source = "MEETLOAD_PLAN";
                planBytes = System.getenv("MEETLOAD_PLAN").getBytes(StandardCharsets.UTF_8);
            } else {
                throw new UsageException("no plan: give --plan FILE, the setting meetload.worker.plan "
                        + "(MEETLOAD_WORKER_PLAN), or the plan's JSON in MEETLOAD_PLAN");
            }
        } catch (java.io.UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
        RunPlan plan;
        try {
            plan = new PlanParser().parse(new String(planBytes, StandardCharsets.UTF_8));
        } catch (InvalidPlanException e) {
            throw new UsageException("invalid plan in " + source + ":\n" + e.getMessage());
        }
        int n = count != null ? count : settings.count().orElse(plan.instances());
        if (n < 1 || n > plan.participants()) {
            throw new UsageException("count: must be between 1 and " + plan.participants()
                    + " (the plan's participants), was " + n);
        }
        int i = index != null ? index : envIndex();
        if (i < 0 || i >= n) {
            throw new UsageException("index: must be between 0 and " + (n - 1) + " (count " + n + "), was " + i);
        }
        String run = settings.run();
        Path report = Optional.ofNullable(reportFile).or(settings::reportFile)
                .orElse(Path.of("meetload-report-" + run + "-" + i + ".json"));
        URI pageBase = URI.create("http://127.0.0.1:" + httpPort.get());
        return new WorkerRunner.Job(plan, PlanFiles.digest(planBytes), run, i, n, pageBase, report,
                settings.coordinatorUrl(), settings.token());
    }

    private static int envIndex() throws UsageException {
        String value = System.getenv("JOB_COMPLETION_INDEX");
        if (value == null) {
            throw new UsageException("index: give --index I or JOB_COMPLETION_INDEX");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("JOB_COMPLETION_INDEX: must be an integer, was \"" + value + "\"");
        }
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
