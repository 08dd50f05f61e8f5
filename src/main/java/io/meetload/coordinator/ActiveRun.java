package io.meetload.coordinator;

import io.meetload.instance.InstanceReport;
import io.meetload.launch.InstanceStatus;
import io.meetload.launch.RunLaunch;
import io.meetload.plan.RunPlan;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A run this coordinator is watching. Its state changes under the object's own lock; ending it
 * happens once ({@link #claimEnding}), outside the lock, so reports can still arrive while the
 * remaining instances are being stopped.
 */
final class ActiveRun {

    final RunPlan plan;
    final RunLaunch launch;
    private RunState state;
    private boolean dirty;
    private Instant persistedAt;
    /** Set once the verdict's reports are being read: later reports are refused. */
    private boolean reportsClosed;
    /**
     * The reports accepted while this process watched the run, parsed once at intake and kept for
     * the verdict, so ending does not read and parse every report again (seconds for a thousand).
     */
    private final Map<Integer, InstanceReport> reports = new TreeMap<>();
    private volatile Map<Integer, InstanceStatus> lastStatus = Map.of();
    private final AtomicBoolean ending = new AtomicBoolean();

    ActiveRun(RunState state, RunPlan plan, RunLaunch launch, Instant now) {
        this.state = state;
        this.plan = plan;
        this.launch = launch;
        this.persistedAt = now;
    }

    synchronized RunState state() {
        return state;
    }

    /** Changes the state and writes it, under the lock, so run.json never goes back in time. */
    synchronized RunState update(UnaryOperator<RunState> change, Consumer<RunState> save) {
        RunState next = change.apply(state);
        save.accept(next);
        state = next;
        dirty = false;
        return next;
    }

    /** A heartbeat's samples: kept in memory, written out at most every persist interval. */
    synchronized void progress(UnaryOperator<RunState> change) {
        state = change.apply(state);
        dirty = true;
    }

    /** Writes the heartbeats' samples when they changed and the last write is older than the interval. */
    synchronized void persistIfDue(Instant now, Duration interval, Consumer<RunState> save) {
        if (dirty && !persistedAt.plus(interval).isAfter(now)) {
            save.accept(state);
            dirty = false;
            persistedAt = now;
        }
    }

    void releaseEnding() {
        ending.set(false);
    }

    synchronized Optional<InstanceReport> report(int index) {
        return Optional.ofNullable(reports.get(index));
    }

    /** Keeps an accepted report; returns how many reports this run now holds. */
    synchronized int accepted(int index, InstanceReport report) {
        reports.put(index, report);
        return reports.size();
    }

    synchronized Map<Integer, InstanceReport> reports() {
        return new TreeMap<>(reports);
    }

    synchronized boolean reportsClosed() {
        return reportsClosed;
    }

    synchronized void closeReports() {
        reportsClosed = true;
    }

    boolean claimEnding() {
        return ending.compareAndSet(false, true);
    }

    boolean isEnding() {
        return ending.get();
    }

    Map<Integer, InstanceStatus> lastStatus() {
        return lastStatus;
    }

    void lastStatus(Map<Integer, InstanceStatus> status) {
        lastStatus = Map.copyOf(status);
    }
}
