package io.meetload.worker;

import io.meetload.driver.ConferenceDriver;
import io.meetload.instance.Heartbeat;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import io.meetload.instance.ParticipantInfo;
import io.meetload.plan.InstanceAssignment;
import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.RunPlan;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one instance: starts its participants over the ramp-up, samples the host, sends
 * heartbeats, and at the end (or when asked to stop, e.g. on SIGTERM) makes every participant
 * leave, closes every browser, and writes and delivers the report. Ending is idempotent.
 */
public final class WorkerRunner {

    private static final Logger LOG = Logger.getLogger(WorkerRunner.class);

    /** Where the instance is and what it runs. */
    public record Job(RunPlan plan, String planDigest, String run, int index, int count, URI pageBase,
                      Path reportFile, Optional<URI> coordinator, Optional<String> token) {
    }

    private final Job job;
    private final WorkerSettings settings;
    private final ConferenceDriver driver;
    private final BrowserFactory browsers;
    private final HostProbe hostProbe;
    private final Clock clock;
    private final InstanceRecorder recorder;
    private final List<ParticipantInfo> infos = new ArrayList<>();
    private final List<Participant> participants = new ArrayList<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch reportDone = new CountDownLatch(1);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "meetload-worker-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile String stopReason = "COMPLETED";
    private volatile InstanceReport report;
    private Instant startedAt;
    private CoordinatorClient coordinator;

    public WorkerRunner(Job job, WorkerSettings settings, ConferenceDriver driver, BrowserFactory browsers,
                        HostProbe hostProbe, io.micrometer.core.instrument.MeterRegistry registry, Clock clock) {
        this.job = job;
        this.settings = settings;
        this.driver = driver;
        this.browsers = browsers;
        this.hostProbe = hostProbe;
        this.clock = clock;
        InstanceAssignment mine = InstanceAssignment.of(job.plan(), job.index(), job.count());
        for (ParticipantSpec p : mine.participants()) {
            infos.add(new ParticipantInfo(p.id(), p.number(), p.room(), p.video(), p.audio()));
        }
        this.recorder = new InstanceRecorder(new WorkerMetrics(registry, job.run(), job.index()), infos);
    }

    /** Runs the instance to its end; returns the report (already written and, if possible, delivered). */
    public InstanceReport run() throws InterruptedException {
        startedAt = clock.instant();
        InstanceAssignment mine = InstanceAssignment.of(job.plan(), job.index(), job.count());
        LOG.infof("instance %d of %d: %d participants, run %s, ends in %s", job.index(), job.count(),
                mine.participants().size(), job.run(), job.plan().totalDuration());
        Instant mediaNotBefore = startedAt.plus(job.plan().rampUp());
        for (ParticipantSpec spec : mine.participants()) {
            boolean sends = spec.video() || spec.audio();
            boolean expects = othersSend(job.plan(), job.count(), spec);
            var expectations = new ParticipantTracker.Expectations(sends, expects, mediaNotBefore,
                    settings.joinTimeout(), settings.mediaTimeout(), settings.dropTimeout());
            participants.add(new Participant(job.plan(), spec, expectations, driver, browsers, job.pageBase(),
                    settings, clock, recorder));
        }
        job.coordinator().ifPresent(url ->
                coordinator = new CoordinatorClient(url, job.run(), job.index(), job.token(), clock));
        List<Thread> threads = new ArrayList<>();
        for (Participant p : participants) {
            Thread t = new Thread(p, "participant-" + p.id());
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        long sampleMillis = settings.sampleInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::sampleHost, 0, sampleMillis, TimeUnit.MILLISECONDS);
        if (coordinator != null) {
            long beat = settings.heartbeatInterval().toMillis();
            scheduler.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        }
        Instant end = startedAt.plus(job.plan().totalDuration());
        boolean interrupted = false;
        try {
            while (clock.instant().isBefore(end)) {
                if (stopRequested.await(1, TimeUnit.SECONDS)) {
                    break;
                }
                if (allFinal()) {
                    LOG.info("every participant has ended; ending the instance early");
                    stopReason = "ALL_PARTICIPANTS_ENDED";
                    break;
                }
            }
        } catch (InterruptedException e) {
            // the process is going down: the report still has to be written
            interrupted = true;
            stopReason = "INTERRUPTED";
        }
        try {
            return end(stopReason);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks the instance to end now (SIGTERM) and waits until its report is written. */
    public void stop(String reason, Duration timeout) throws InterruptedException {
        stopReason = reason;
        stopRequested.countDown();
        reportDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Each participant's state now. */
    public java.util.Map<String, io.meetload.instance.ParticipantState> states() {
        java.util.Map<String, io.meetload.instance.ParticipantState> states = new java.util.LinkedHashMap<>();
        infos.forEach(p -> states.put(p.id(), recorder.state(p.id())));
        return states;
    }

    /** The latest sample of each participant. */
    public List<io.meetload.instance.ParticipantSample> latestSamples() {
        return recorder.latestSamples();
    }

    private boolean allFinal() {
        return participants.stream().allMatch(p -> p.state().isFinal());
    }

    private InstanceReport end(String reason) throws InterruptedException {
        if (!ended.compareAndSet(false, true)) {
            reportDone.await();
            return report;
        }
        try {
            LOG.infof("ending instance %d (%s): participants leave", job.index(), reason);
            participants.forEach(Participant::requestStop);
            Instant giveUp = clock.instant().plus(settings.stopTimeout());
            for (Participant p : participants) {
                Duration left = Duration.between(clock.instant(), giveUp);
                if (left.isNegative() || !p.awaitDone(left)) {
                    LOG.warnf("%s did not leave within %s", p.id(), settings.stopTimeout());
                }
            }
            sampleHost();
            scheduler.shutdownNow();
            report = recorder.report(job.run(), job.planDigest(), job.index(), job.count(), startedAt,
                    clock.instant(), reason, List.copyOf(infos));
            write(report);
            if (coordinator != null) {
                heartbeat();
                coordinator.report(report, settings.reportRetryFor());
            }
            return report;
        } finally {
            reportDone.countDown();
        }
    }

    private void write(InstanceReport report) {
        Path file = job.reportFile();
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".report-", ".json");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), report);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.infof("instance report written to %s", file.toAbsolutePath());
        } catch (IOException e) {
            LOG.errorf(e, "could not write the report to %s", file);
        }
    }

    private void sampleHost() {
        try {
            recorder.host(hostProbe.sample(ProcessTrees.browserRoots(settings.chromedriver())));
        } catch (RuntimeException e) {
            LOG.warnf("host sample failed: %s", e.toString());
        }
    }

    private void heartbeat() {
        try {
            InstanceRecorder.HeartbeatContent content = recorder.nextHeartbeat();
            Heartbeat beat = new Heartbeat(job.run(), job.index(), clock.instant(), content.participants(),
                    content.host(), content.events());
            if (!coordinator.heartbeat(beat)) {
                recorder.heartbeatFailed(content.events().size());
            }
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat failed: %s", e.toString());
        }
    }

    /** Whether someone other than {@code me} in my room sends video or audio. */
    static boolean othersSend(RunPlan plan, int count, ParticipantSpec me) {
        for (int i = 0; i < count; i++) {
            for (ParticipantSpec p : InstanceAssignment.of(plan, i, count).participants()) {
                if (p.number() != me.number() && p.room().equals(me.room()) && (p.video() || p.audio())) {
                    return true;
                }
            }
        }
        return false;
    }
}
