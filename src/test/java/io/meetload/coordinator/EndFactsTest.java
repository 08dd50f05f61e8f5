package io.meetload.coordinator;

import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceFact.Outcome;
import io.meetload.launch.InstanceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the coordinator states about each instance when a run ends: no silent instance is fine. */
class EndFactsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(700);

    private static RunState run(RunState.Ending ending, String note, int instances) {
        return new RunState("r-20260101-1000-0001", "p", RunStatus.ENDING, instances, instances, "d", "h", T0, T0,
                T0.plusSeconds(660), null, ending, note, Map.of());
    }

    private static InstanceStatus running(int i) {
        return new InstanceStatus(i, true, Optional.empty());
    }

    private static InstanceStatus exited(int i, Integer code, String signal, String message) {
        return new InstanceStatus(i, false, Optional.of(new InstanceFact(i, Outcome.LOST, T0.plusSeconds(100), code, signal, message)));
    }

    @Test
    void reportedInstancesAreReportedWhateverTheirExit() {
        Map<Integer, InstanceFact> facts = EndFacts.of(run(RunState.Ending.COMPLETED, "every instance reported", 1),
                Map.of(0, exited(0, 0, null, "process 1 exited with code 0")), Map.of(), Set.of(0), NOW);
        assertEquals(Outcome.REPORTED, facts.get(0).outcome());
        assertEquals(0, facts.get(0).exitCode());
    }

    @Test
    void anInstanceThatEndedWithoutAReportIsLostWithItsExitCodeOrSignal() {
        Map<Integer, InstanceFact> facts = EndFacts.of(run(RunState.Ending.COMPLETED, "every instance ended", 2),
                Map.of(0, exited(0, 137, "KILL", "process 1 killed by signal KILL (exit code 137)"),
                        1, exited(1, null, null, "process 2 is gone: it ended while the coordinator was not watching, exit code unknown")),
                Map.of(), Set.of(), NOW);
        assertEquals(Outcome.LOST, facts.get(0).outcome());
        assertEquals(137, facts.get(0).exitCode());
        assertEquals("KILL", facts.get(0).signal());
        assertEquals("ended without a report: process 1 killed by signal KILL (exit code 137); no heartbeat ever received",
                facts.get(0).message());
        assertNull(facts.get(1).exitCode());
        assertEquals(Outcome.LOST, facts.get(1).outcome());
    }

    @Test
    void stillRunningAtTheDeadlineIsLostAndSaysSo() {
        RunState state = run(RunState.Ending.DEADLINE, "the deadline passed", 1)
                .withProgress(0, new RunState.InstanceProgress(T0.plusSeconds(30), null, null));
        Map<Integer, InstanceFact> facts = EndFacts.of(state, Map.of(0, running(0)),
                Map.of(0, exited(0, 143, "TERM", "process 1 killed by signal TERM (exit code 143)")), Set.of(), NOW);
        assertEquals(Outcome.LOST, facts.get(0).outcome());
        assertEquals(143, facts.get(0).exitCode());
        assertEquals("no report by the deadline 2026-01-01T10:11:00Z; stopped; then process 1 killed by signal TERM "
                + "(exit code 143); last heartbeat at 2026-01-01T10:00:30Z", facts.get(0).message());
    }

    @Test
    void cancelledLaunchFailedAndNeverSeen() {
        assertEquals(Outcome.CANCELLED, EndFacts.of(run(RunState.Ending.CANCELLED, "by request", 1),
                Map.of(0, running(0)), Map.of(), Set.of(), NOW).get(0).outcome());
        InstanceFact failed = EndFacts.of(run(RunState.Ending.LAUNCH_FAILED, "instance 0 of 1: cannot start x", 1),
                Map.of(), Map.of(), Set.of(), NOW).get(0);
        assertEquals(Outcome.NOT_STARTED, failed.outcome());
        assertEquals("launch failed: instance 0 of 1: cannot start x", failed.message());
        assertEquals(Outcome.NOT_STARTED, EndFacts.of(run(RunState.Ending.DEADLINE, "d", 1),
                Map.of(), Map.of(), Set.of(), NOW).get(0).outcome());
    }
}
