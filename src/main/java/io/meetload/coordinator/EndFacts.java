package io.meetload.coordinator;

import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceFact.Outcome;
import io.meetload.launch.InstanceStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the coordinator states about each instance when a run ends: pure, from what it knows. An
 * instance that did not report is never taken as fine: it is LOST (with its exit code or signal,
 * or that it was still running at the deadline), NOT_STARTED, or CANCELLED.
 */
final class EndFacts {

    private EndFacts() {
    }

    /**
     * @param before the launcher's view before the remaining instances were stopped
     * @param after its view once they were
     * @param reported the instances whose report was accepted
     */
    static Map<Integer, InstanceFact> of(RunState run, Map<Integer, InstanceStatus> before,
                                         Map<Integer, InstanceStatus> after, Set<Integer> reported, Instant now) {
        Map<Integer, InstanceFact> facts = new TreeMap<>();
        for (int i = 0; i < run.instances(); i++) {
            facts.put(i, fact(run, i, Optional.ofNullable(before.get(i)), Optional.ofNullable(after.get(i)),
                    reported.contains(i), now));
        }
        return facts;
    }

    private static InstanceFact fact(RunState run, int i, Optional<InstanceStatus> before,
                                     Optional<InstanceStatus> after, boolean reported, Instant now) {
        Optional<InstanceFact> exit = after.flatMap(InstanceStatus::ended).or(() -> before.flatMap(InstanceStatus::ended));
        Integer code = exit.map(InstanceFact::exitCode).orElse(null);
        String signal = exit.map(InstanceFact::signal).orElse(null);
        Instant at = exit.map(InstanceFact::at).orElse(now);
        if (reported) {
            return new InstanceFact(i, Outcome.REPORTED, at, code, signal, "reported"
                    + exit.map(f -> "; " + f.message()).orElse(""));
        }
        if (run.ending() == RunState.Ending.LAUNCH_FAILED) {
            return new InstanceFact(i, Outcome.NOT_STARTED, now, code, signal, "launch failed: " + run.endNote());
        }
        if (before.isEmpty() && after.isEmpty()) {
            return new InstanceFact(i, Outcome.NOT_STARTED, now, null, null,
                    "never seen running: no process or pod was found for it");
        }
        String heartbeat = lastHeartbeat(run, i);
        Optional<InstanceFact> endedOnItsOwn = before.flatMap(InstanceStatus::ended);
        if (endedOnItsOwn.isPresent()) {
            InstanceFact f = endedOnItsOwn.get();
            // The launcher may already have a sharper outcome (OOM_KILLED, EVICTED) than LOST.
            Outcome outcome = f.outcome() == Outcome.REPORTED ? Outcome.LOST : f.outcome();
            return new InstanceFact(i, outcome, f.at(), f.exitCode(), f.signal(),
                    "ended without a report: " + f.message() + heartbeat);
        }
        String stopped = exit.map(f -> "; then " + f.message()).orElse("");
        if (run.ending() == RunState.Ending.CANCELLED) {
            return new InstanceFact(i, Outcome.CANCELLED, at, code, signal,
                    "stopped by cancel before it reported" + stopped);
        }
        if (run.ending() == RunState.Ending.DEADLINE) {
            return new InstanceFact(i, Outcome.LOST, at, code, signal,
                    "no report by the deadline " + run.deadline() + "; stopped" + stopped + heartbeat);
        }
        return new InstanceFact(i, Outcome.LOST, at, code, signal,
                "no report when the run ended (" + run.ending() + "); stopped" + stopped + heartbeat);
    }

    private static String lastHeartbeat(RunState run, int i) {
        RunState.InstanceProgress p = run.progress().get(i);
        return p == null || p.lastHeartbeatAt() == null ? "; no heartbeat ever received"
                : "; last heartbeat at " + p.lastHeartbeatAt();
    }
}
