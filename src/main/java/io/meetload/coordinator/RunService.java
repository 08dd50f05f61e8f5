package io.meetload.coordinator;

import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import io.meetload.launch.InstanceStatus;
import io.meetload.launch.Launcher;
import io.meetload.launch.RunLaunch;
import io.meetload.plan.PlanFiles;
import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;
import io.meetload.verdict.Verdict;
import io.meetload.verdict.VerdictInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The life of a run: created on disk, launched, watched, ended exactly once with a verdict, and
 * picked up again after a restart. Ending stops whatever is left first, so nothing of a run is
 * left running once it has a verdict.
 */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);

    private final RunStore store;
    private final ActiveRuns runs;
    private final Launchers launchers;
    private final PlanParser parser;
    private final CoordinatorConfig config;
    private final CoordinatorUrl url;
    private final VerdictWriter verdicts;
    private final Clock clock;
    private final Event<RunFinished> finished;
    private final ManagedExecutor executor;
    private volatile boolean started;

    public RunService(RunStore store, ActiveRuns runs, Launchers launchers, PlanParser parser,
                      CoordinatorConfig config, CoordinatorUrl url, VerdictWriter verdicts, Clock clock,
                      Event<RunFinished> finished, ManagedExecutor executor) {
        this.store = store;
        this.runs = runs;
        this.launchers = launchers;
        this.parser = parser;
        this.config = config;
        this.url = url;
        this.verdicts = verdicts;
        this.clock = clock;
        this.finished = finished;
        this.executor = executor;
    }

    /** Switches the coordinator on in this process: every run not finished on disk is watched again. */
    public synchronized void start() {
        if (started) {
            return;
        }
        launchers.selected();
        try {
            store.init();
        } catch (IOException e) {
            LOG.errorf("run store %s is not usable: %s", store.root(), e.getMessage());
        }
        for (RunState state : store.list()) {
            if (!state.status().finished()) {
                recover(state);
            }
        }
        started = true;
        LOG.infof("coordinator on: run store %s, launcher %s, workers report to %s", store.root(),
                launchers.selectedName(), url.get());
    }

    public boolean started() {
        return started;
    }

    public RunStore store() {
        return store;
    }

    /**
     * Validates the plan, writes the run to disk, then launches it. Throws InvalidPlanException
     * (nothing written) or ApiProblem. Returns the state after the launch: RUNNING, or already
     * ended when the launch failed.
     */
    public RunState create(byte[] planBytes) {
        RunPlan plan = parser.parse(new String(planBytes, StandardCharsets.UTF_8));
        requireStarted();
        String id;
        try {
            id = store.allocate();
        } catch (IOException | UncheckedIOException e) {
            throw new ApiProblem(503, "run store " + store.root() + " is not usable: " + e.getMessage());
        }
        String token = Tokens.newToken();
        Instant now = clock.instant();
        RunState state = new RunState(id, plan.name(), RunStatus.ACCEPTED, plan.instances(), plan.participants(),
                PlanFiles.digest(planBytes), Tokens.sha256Hex(token), now, null, null, null, null, null, Map.of());
        try {
            store.writePlan(id, planBytes);
            store.writeToken(id, token);
            store.save(state);
        } catch (IOException | UncheckedIOException e) {
            store.discard(id);
            throw new ApiProblem(503, "run store " + store.root() + ": cannot write run " + id + ": " + e.getMessage());
        }
        ActiveRun run = new ActiveRun(state, plan, launchOf(id, plan, token), now);
        runs.put(run);
        launch(run);
        return run.state();
    }

    private void launch(ActiveRun run) {
        Launcher launcher = launchers.selected();
        try {
            launcher.launch(run.launch);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.errorf("run %s: launch failed: %s", run.launch.runId(), why);
            end(run, RunState.Ending.LAUNCH_FAILED, why);
            return;
        }
        Instant now = clock.instant();
        run.update(s -> s.started(now, now.plus(run.plan.totalDuration()).plus(config.deadlineGrace())), store::save);
    }

    /** Cancels a run: its instances are stopped and it ends INCONCLUSIVE with reason CANCELLED. */
    public RunState cancel(String id) {
        requireStarted();
        ActiveRun run = runs.get(id).orElseThrow(() -> finishedOrUnknown(id, "cannot be cancelled"));
        if (run.isEnding()) {
            throw new ApiProblem(409, "run " + id + " is already ending: it cannot be cancelled",
                    Map.of("status", run.state().status().name()));
        }
        end(run, RunState.Ending.CANCELLED, "cancelled by request at " + clock.instant());
        return runs.get(id).map(ActiveRun::state).orElseGet(() -> load(id));
    }

    /** Checks one run soon, off the caller's thread (the last report's request need not wait for the verdict). */
    void checkSoon(ActiveRun run) {
        executor.execute(() -> {
            try {
                check(run);
            } catch (RuntimeException e) {
                LOG.errorf(e, "run %s: check failed", run.launch.runId());
            }
        });
    }

    /** One pass over every active run: ends those whose instances are all done or whose deadline passed. */
    public void checkAll() {
        for (ActiveRun run : runs.all()) {
            try {
                check(run);
            } catch (RuntimeException e) {
                LOG.errorf(e, "run %s: check failed", run.launch.runId());
            }
        }
    }

    private void check(ActiveRun run) {
        RunState state = run.state();
        if (state.status() == RunStatus.ENDING) {
            end(run, state.ending(), state.endNote());
            return;
        }
        if (state.status() != RunStatus.RUNNING || run.isEnding()) {
            return;
        }
        // Status before reports: an instance that exited had its report accepted before it exited.
        Map<Integer, InstanceStatus> status = launchers.selected().status(run.launch);
        run.lastStatus(status);
        Set<Integer> reported = store.reported(state.id(), state.instances());
        Instant now = clock.instant();
        run.persistIfDue(now, config.persistInterval(), store::save);
        boolean allDone = true;
        for (int i = 0; i < state.instances(); i++) {
            InstanceStatus s = status.get(i);
            allDone &= reported.contains(i) || (s != null && !s.running());
        }
        if (reported.size() == state.instances()) {
            end(run, RunState.Ending.COMPLETED, "every instance reported");
        } else if (allDone) {
            end(run, RunState.Ending.COMPLETED, "every instance ended, "
                    + (state.instances() - reported.size()) + " without a report");
        } else if (!now.isBefore(state.deadline())) {
            end(run, RunState.Ending.DEADLINE, "the deadline " + state.deadline() + " passed");
        }
    }

    /** Ends a run once: stops what is left, computes and writes the verdict, marks it finished. */
    void end(ActiveRun run, RunState.Ending why, String note) {
        if (!run.claimEnding()) {
            return;
        }
        String id = run.launch.runId();
        long began = System.nanoTime();
        try {
            RunState ending = run.update(s -> s.status() == RunStatus.ENDING ? s : s.ending(why, note), store::save);
            LOG.infof("run %s: ending (%s: %s)", id, ending.ending(), ending.endNote());
            Launcher launcher = launchers.selected();
            Map<Integer, InstanceStatus> before = safeStatus(launcher, run);
            launcher.stop(run.launch, ending.endNote());
            Map<Integer, InstanceStatus> after = safeStatus(launcher, run);
            long stopped = System.nanoTime();
            run.closeReports();
            Map<Integer, InstanceReport> reports = reports(run, ending);
            Instant endedAt = clock.instant();
            Map<Integer, InstanceFact> facts = EndFacts.of(run.state(), before, after, reports.keySet(), endedAt);
            VerdictInput input = verdicts.withBridge(new VerdictInput(id, run.plan,
                    ending.startedAt() != null ? ending.startedAt() : ending.createdAt(), endedAt, reports, facts,
                    ending.cancelled(), Optional.empty()));
            long gathered = System.nanoTime();
            Verdict verdict = verdicts.verdict(input);
            long evaluated = System.nanoTime();
            // The verdict is published first (GET .../verdict answers from here on, the run still
            // ENDING); the page, which draws every sample, comes after it, and the run is ENDED
            // once both are on disk.
            store.writeVerdict(id, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(verdict));
            long judged = System.nanoTime();
            store.writeReportPage(id, verdicts.html(verdict, input));
            RunState done = run.update(s -> s.ended(endedAt), store::save);
            runs.remove(id);
            long now = System.nanoTime();
            LOG.infof("run %s: %s, verdict %s (ended in %.2f s: stopping %.2f s, verdict %.2f s [inputs %.2f s, "
                            + "rules %.2f s, written %.2f s], then page %.2f s)",
                    id, done.status(), verdict.status(), (now - began) / 1e9, (stopped - began) / 1e9,
                    (judged - stopped) / 1e9, (gathered - stopped) / 1e9, (evaluated - gathered) / 1e9,
                    (judged - evaluated) / 1e9, (now - judged) / 1e9);
            announce(done, verdict);
        } catch (IOException | RuntimeException e) {
            // Released so the next check tries again: a run must not stay half ended.
            LOG.errorf(e, "run %s: ending failed, will retry", id);
            run.releaseEnding();
        } catch (Error e) {
            // Out of memory, say: still released, or the run would stay ENDING for good.
            LOG.errorf(e, "run %s: ending failed, will retry", id);
            run.releaseEnding();
            throw e;
        }
    }

    /**
     * Tells chat and webhooks (RunFinished observers) that the run ended: once, here, after the
     * verdict is on disk and the run left the active list. Asynchronous, and guarded, so a failing
     * observer can neither delay the end nor make it be retried.
     */
    private void announce(RunState done, Verdict verdict) {
        try {
            finished.fireAsync(new RunFinished(done, verdict));
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s: the run-finished event could not be fired", done.id());
        }
    }

    /** How many runs this coordinator is watching now (not finished yet): what the concurrent-runs limit counts. */
    public int activeRunCount() {
        return runs.all().size();
    }

    private Map<Integer, InstanceStatus> safeStatus(Launcher launcher, ActiveRun run) {
        try {
            return launcher.status(run.launch);
        } catch (RuntimeException e) {
            LOG.warnf("run %s: launcher status failed: %s", run.launch.runId(), e.getMessage());
            return run.lastStatus();
        }
    }


    /** The reports taken while this process watched the run, and from disk those taken before a restart. */
    private Map<Integer, InstanceReport> reports(ActiveRun run, RunState state) {
        Map<Integer, InstanceReport> reports = run.reports();
        for (int i = 0; i < state.instances(); i++) {
            if (reports.containsKey(i)) {
                continue;
            }
            try {
                store.report(state.id(), i).ifPresent(r -> reports.put(r.index(), CompactReport.of(r)));
            } catch (IOException e) {
                LOG.errorf("run %s: the report of instance %d cannot be read: %s", state.id(), i, e.getMessage());
            }
        }
        return reports;
    }

    /** Watches a run found on disk again; a run caught mid-launch is ended (what was started, stopped). */
    private void recover(RunState state) {
        String id = state.id();
        RunPlan plan;
        String token;
        try {
            plan = parser.parse(new String(store.readPlan(id), StandardCharsets.UTF_8));
            token = store.readToken(id);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("run %s cannot be picked up again: %s", id, e.getMessage());
            return;
        }
        ActiveRun run = new ActiveRun(state, plan, launchOf(id, plan, token), clock.instant());
        runs.put(run);
        Map<Integer, InstanceStatus> status = safeStatus(launchers.selected(), run);
        Set<Integer> reported = store.reported(state.id(), state.instances());
        StringBuilder gone = new StringBuilder();
        status.forEach((i, s) -> s.ended().filter(f -> !reported.contains(i))
                .ifPresent(f -> gone.append("; instance ").append(i).append(": ").append(f.message())));
        LOG.infof("run %s picked up again (%s): %d of %d reports on disk%s", id, state.status(), reported.size(),
                state.instances(), gone);
        if (state.status() == RunStatus.ACCEPTED) {
            end(run, RunState.Ending.LAUNCH_FAILED, "the coordinator stopped while it was starting the instances");
        }
    }

    private RunLaunch launchOf(String id, RunPlan plan, String token) {
        return new RunLaunch(id, plan, store.dir(id), store.planFile(id), url.get(), token);
    }

    Optional<ActiveRun> active(String id) {
        return runs.get(id);
    }

    /** The state of a run, live when it is active. */
    public RunState state(String id) {
        return runs.get(id).map(ActiveRun::state).orElseGet(() -> load(id));
    }

    RunState load(String id) {
        if (!store.exists(id)) {
            throw ApiProblem.notFound(id);
        }
        try {
            return store.load(id);
        } catch (IOException e) {
            throw new ApiProblem(500, "run " + id + ": run.json cannot be read: " + e.getMessage());
        }
    }

    ApiProblem finishedOrUnknown(String id, String what) {
        RunState state = load(id);
        return new ApiProblem(409, "run " + id + " has finished (" + state.status() + "): " + what,
                Map.of("status", state.status().name()));
    }

    void requireStarted() {
        if (!started) {
            throw new ApiProblem(503, "this process is not running the coordinator");
        }
    }
}
