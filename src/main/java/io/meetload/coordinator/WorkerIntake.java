package io.meetload.coordinator;

import com.fasterxml.jackson.core.JacksonException;
import io.meetload.instance.Heartbeat;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What workers send: heartbeats (kept as the instance's latest samples) and reports (kept once,
 * exactly as sent). Each is checked against the run before it is taken: the worker token, the
 * run, the index, the plan digest.
 */
@ApplicationScoped
public class WorkerIntake {

    private static final String BEARER = "Bearer ";

    private final RunService service;
    private final RunStore store;
    private final Clock clock;

    public WorkerIntake(RunService service, RunStore store, Clock clock) {
        this.service = service;
        this.store = store;
        this.clock = clock;
    }

    /** The outcome of a report: accepted now, or the same report already accepted before. */
    public record Receipt(boolean accepted, boolean duplicate) {
    }

    public Receipt report(String id, int index, String authorization, byte[] body) {
        ActiveRun run = open(id, index, authorization, "reports are closed");
        InstanceReport report = parse(body, InstanceReport.class, "report");
        RunState state = run.state();
        if (report.schema() != InstanceReport.SCHEMA) {
            throw new ApiProblem(400, "schema: must be " + InstanceReport.SCHEMA + ", was " + report.schema());
        }
        sameRun(id, report.run());
        sameIndex(index, report.index());
        if (report.count() != state.instances()) {
            throw new ApiProblem(400, "count: must be " + state.instances() + " (the plan's instances), was " + report.count());
        }
        if (!state.planDigest().equals(report.planDigest())) {
            throw new ApiProblem(409, "planDigest: must be " + state.planDigest() + " (the SHA-256 of run " + id
                    + "'s plan), was " + report.planDigest());
        }
        InstanceReport kept = CompactReport.of(report);
        int held;
        synchronized (run) {
            if (run.reportsClosed()) {
                throw new ApiProblem(409, "run " + id + " is ending: reports are closed",
                        Map.of("status", run.state().status().name()));
            }
            try {
                Optional<InstanceReport> before = run.report(index);
                if (before.isEmpty()) {
                    // taken before a restart of the coordinator
                    before = store.report(id, index).map(CompactReport::of);
                }
                if (before.isPresent()) {
                    // Both kept the same way (samples grouped and sorted), so a resent report is equal.
                    if (before.get().equals(kept)) {
                        return new Receipt(false, true);
                    }
                    throw new ApiProblem(409, "instance " + index + " of run " + id
                            + " already reported, and this report differs from the one accepted");
                }
                store.writeReport(id, index, body);
                held = run.accepted(index, kept);
            } catch (IOException e) {
                throw new ApiProblem(503, "run store: cannot keep the report of instance " + index + ": " + e.getMessage());
            }
        }
        if (held == state.instances()) {
            // The last report: the run ends now rather than at the next scheduled check.
            service.checkSoon(run);
        }
        return new Receipt(true, false);
    }

    public void heartbeat(String id, int index, String authorization, byte[] body) {
        ActiveRun run = open(id, index, authorization, "heartbeats are no longer taken");
        Heartbeat beat = parse(body, Heartbeat.class, "heartbeat");
        sameRun(id, beat.run());
        sameIndex(index, beat.index());
        RunState.InstanceProgress latest = new RunState.InstanceProgress(clock.instant(), beat.participants(), beat.host());
        run.progress(s -> s.withProgress(index, latest));
    }

    /** The active run, once the caller proved it is one of its workers and the index is in range. */
    private ActiveRun open(String id, int index, String authorization, String closed) {
        service.requireStarted();
        Optional<ActiveRun> active = service.active(id);
        RunState state = active.map(ActiveRun::state).orElseGet(() -> service.load(id));
        authorize(state, authorization);
        if (active.isEmpty()) {
            throw new ApiProblem(409, "run " + id + " has finished (" + state.status() + "): " + closed,
                    Map.of("status", state.status().name()));
        }
        if (index < 0 || index >= state.instances()) {
            throw new ApiProblem(400, "index: must be between 0 and " + (state.instances() - 1)
                    + " (run " + id + " has " + state.instances() + " instances), was " + index);
        }
        return active.get();
    }

    private static void authorize(RunState state, String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw new ApiProblem(401, "Authorization: must be \"Bearer <the run's worker token>\", was "
                    + (authorization == null ? "missing" : "another scheme"));
        }
        if (!Tokens.matches(authorization.substring(BEARER.length()).trim(), state.workerTokenSha256())) {
            throw new ApiProblem(403, "worker token: does not match run " + state.id() + "'s token");
        }
    }

    private static <T> T parse(byte[] body, Class<T> type, String what) {
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw new ApiProblem(400, what + ": must be a JSON object, was empty");
            }
            return value;
        } catch (JacksonException e) {
            throw new ApiProblem(400, what + ": not valid JSON for " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiProblem(400, what + ": cannot be read: " + e.getMessage());
        }
    }

    private static void sameRun(String id, String run) {
        if (!id.equals(run)) {
            throw new ApiProblem(400, "run: must be " + id + " (the run in the path), was " + run);
        }
    }

    private static void sameIndex(int index, int sent) {
        if (index != sent) {
            throw new ApiProblem(400, "index: must be " + index + " (the index in the path), was " + sent);
        }
    }
}
