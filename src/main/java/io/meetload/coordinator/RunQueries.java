package io.meetload.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.instance.Json;
import io.meetload.instance.ParticipantState;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads runs for the API and the CLI: summaries, live progress, verdicts. */
@ApplicationScoped
public class RunQueries {

    private final RunService service;
    private final RunStore store;
    private final CoordinatorConfig config;
    private final Clock clock;

    public RunQueries(RunService service, RunStore store, CoordinatorConfig config, Clock clock) {
        this.service = service;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /**
     * One line of the run list.
     *
     * @param verdict the status of the verdict once there is one, else null
     * @param participants planned participants, all instances together
     * @param joined participants joined now while the run is active (from the latest heartbeats), or
     *        that joined at some point once it has a verdict; null when the verdict cannot be read
     */
    public record RunSummary(String id, String plan, RunStatus status, Instant createdAt, Instant startedAt,
                             Instant endedAt, String verdict, int participants, Integer joined) {
    }

    /** A run as GET /api/runs/{id} shows it. */
    public record RunView(String id, String plan, RunStatus status, Instant createdAt, Instant startedAt,
                          Instant deadline, Instant endedAt, RunState.Ending ending, String endNote, int instances,
                          String verdict, RunProgress progress) {
    }

    public List<RunSummary> list() {
        service.requireStarted();
        return store.list().stream().map(s -> {
            RunState live = service.active(s.id()).map(ActiveRun::state).orElse(s);
            JsonNode verdict = verdictOf(live);
            Integer joined = !live.status().finished() ? Integer.valueOf(joinedNow(live))
                    : verdict == null ? null : Integer.valueOf(joinedEver(verdict));
            return new RunSummary(live.id(), live.planName(), live.status(), live.createdAt(), live.startedAt(),
                    live.endedAt(), verdict == null ? null : verdict.path("status").asText(null), live.participants(), joined);
        }).toList();
    }

    public RunView view(String id) {
        service.requireStarted();
        RunState state = service.state(id);
        var active = service.active(id);
        Instant plannedEnd = active.filter(r -> state.startedAt() != null)
                .map(r -> state.startedAt().plus(r.plan.totalDuration())).orElse(null);
        RunProgress progress = RunProgress.of(state, plannedEnd,
                active.map(ActiveRun::lastStatus).orElse(Map.of()), store.reported(state.id(), state.instances()), clock.instant(),
                config.heartbeatTimeout());
        return new RunView(state.id(), state.planName(), state.status(), state.createdAt(), state.startedAt(),
                state.deadline(), state.endedAt(), state.ending(), state.endNote(), state.instances(),
                verdictStatus(state), progress);
    }

    /**
     * The verdict JSON, as written: once the run has finished, or while it is ending once the
     * verdict is on disk (the report page is made after it); 409 with the status before that.
     */
    public byte[] verdict(String id) {
        service.requireStarted();
        RunState state = service.state(id);
        if (state.status() != RunStatus.ENDING && !state.status().finished()) {
            throw new ApiProblem(409, "run not finished", Map.of("status", state.status().name()));
        }
        try {
            Optional<byte[]> verdict = store.verdictBytes(id);
            if (verdict.isPresent()) {
                return verdict.get();
            }
        } catch (IOException e) {
            throw new ApiProblem(500, "run " + id + ": verdict.json cannot be read: " + e.getMessage());
        }
        if (state.status() == RunStatus.ENDING) {
            throw new ApiProblem(409, "run not finished: its verdict is being made", Map.of("status", state.status().name()));
        }
        throw new ApiProblem(500, "run " + id + ": verdict.json is missing");
    }

    public String html(String id) {
        finished(id);
        try {
            return store.html(id).orElseThrow(() -> new ApiProblem(500, "run " + id + ": report.html is missing"));
        } catch (IOException e) {
            throw new ApiProblem(500, "run " + id + ": report.html cannot be read: " + e.getMessage());
        }
    }

    private RunState finished(String id) {
        service.requireStarted();
        RunState state = service.state(id);
        if (!state.status().finished()) {
            throw new ApiProblem(409, "run not finished", Map.of("status", state.status().name()));
        }
        return state;
    }

    private String verdictStatus(RunState state) {
        JsonNode verdict = verdictOf(state);
        return verdict == null ? null : verdict.path("status").asText(null);
    }

    /** The verdict of a finished run as written; null before the end or when it cannot be read. */
    private JsonNode verdictOf(RunState state) {
        if (!state.status().finished()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(store.verdictFile(state.id()).toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static int joinedNow(RunState state) {
        return (int) state.progress().values().stream()
                .filter(p -> p != null && p.participants() != null)
                .flatMap(p -> p.participants().stream())
                .filter(s -> s != null && (s.state() == ParticipantState.JOINED || s.state() == ParticipantState.MEDIA_FLOWING))
                .count();
    }

    private static int joinedEver(JsonNode verdict) {
        int joined = 0;
        for (JsonNode p : verdict.path("participants")) {
            if (p.hasNonNull("joinedAt")) {
                joined++;
            }
        }
        return joined;
    }
}
