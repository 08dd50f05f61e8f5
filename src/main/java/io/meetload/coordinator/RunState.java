package io.meetload.coordinator;

import io.meetload.instance.HostSample;
import io.meetload.instance.ParticipantSample;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run as kept in run.json. Immutable: every change writes a new one. The worker token itself is
 * never here, only its SHA-256 (the token is in the run folder's {@code worker-token}, mode 0600).
 *
 * @param instances how many instances the plan asks for
 * @param participants how many participants the plan asks for, all instances together
 * @param deadline when instances still running are stopped; null before they start
 * @param endNote why the run ended early: the cancel request or the launch failure
 * @param progress instance index to its latest heartbeat
 */
public record RunState(String id, String planName, RunStatus status, int instances, int participants,
                       String planDigest,
                       String workerTokenSha256, Instant createdAt, Instant startedAt, Instant deadline,
                       Instant endedAt, Ending ending, String endNote, Map<Integer, InstanceProgress> progress) {

    /** Why a run ended (null while it has not). */
    public enum Ending { COMPLETED, DEADLINE, CANCELLED, LAUNCH_FAILED, INTERRUPTED }

    /** The latest heartbeat of one instance. */
    public record InstanceProgress(Instant lastHeartbeatAt, List<ParticipantSample> participants,
                                   HostSample host) {
    }

    public RunState {
        progress = progress == null ? Map.of() : Map.copyOf(progress);
    }

    public RunState withStatus(RunStatus next) {
        return new RunState(id, planName, next, instances, participants, planDigest, workerTokenSha256, createdAt, startedAt,
                deadline, endedAt, ending, endNote, progress);
    }

    public RunState started(Instant at, Instant until) {
        return new RunState(id, planName, RunStatus.RUNNING, instances, participants, planDigest, workerTokenSha256, createdAt,
                at, until, endedAt, ending, endNote, progress);
    }

    public RunState ending(Ending why, String note) {
        return new RunState(id, planName, RunStatus.ENDING, instances, participants, planDigest, workerTokenSha256, createdAt,
                startedAt, deadline, endedAt, why, note, progress);
    }

    public RunState ended(Instant at) {
        RunStatus last = ending == Ending.CANCELLED ? RunStatus.CANCELLED : RunStatus.DONE;
        return new RunState(id, planName, last, instances, participants, planDigest, workerTokenSha256, createdAt, startedAt,
                deadline, at, ending, endNote, progress);
    }

    public RunState withProgress(int index, InstanceProgress latest) {
        Map<Integer, InstanceProgress> next = new HashMap<>(progress);
        next.put(index, latest);
        return new RunState(id, planName, status, instances, participants, planDigest, workerTokenSha256, createdAt, startedAt,
                deadline, endedAt, ending, endNote, next);
    }

    public Optional<String> cancelled() {
        return ending == Ending.CANCELLED ? Optional.ofNullable(endNote) : Optional.empty();
    }
}
