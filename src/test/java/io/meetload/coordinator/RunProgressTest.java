package io.meetload.coordinator;

import io.meetload.instance.HostSample;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.launch.InstanceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live progress from the latest heartbeats. */
class RunProgressTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static ParticipantSample sample(String id, ParticipantState state) {
        return new ParticipantSample(T0, id, state, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void sumsStatesAndFlagsSilentInstances() {
        HostSample host = new HostSample(T0, 1.9, 2.0, 0.95, 100, null, 0, 1.5, 50, 7);
        RunState state = new RunState("r-20260101-1000-0001", "p", RunStatus.RUNNING, 3, 6, "d", "h", T0, T0,
                T0.plusSeconds(1000), null, null, null, Map.of())
                .withProgress(0, new RunState.InstanceProgress(T0.plusSeconds(50), List.of(
                        sample("i0-p1", ParticipantState.MEDIA_FLOWING), sample("i0-p2", ParticipantState.DROPPED)), host))
                .withProgress(1, new RunState.InstanceProgress(T0.plusSeconds(10), List.of(
                        sample("i1-p1", ParticipantState.JOINED), sample("i1-p2", ParticipantState.JOINING)), null));
        Map<Integer, InstanceStatus> launcher = Map.of(0, new InstanceStatus(0, true, Optional.empty()));

        RunProgress p = RunProgress.of(state, T0.plusSeconds(900), launcher, Set.of(), T0.plusSeconds(60), Duration.ofSeconds(30));

        assertEquals(6, p.participants());
        assertEquals(2, p.joined());
        assertEquals(1, p.failed());
        assertEquals(Map.of(ParticipantState.MEDIA_FLOWING, 1, ParticipantState.DROPPED, 1,
                ParticipantState.JOINED, 1, ParticipantState.JOINING, 1), p.byState());
        assertEquals(840L, p.timeLeftSeconds());
        assertFalse(p.instances().get(0).silent());
        assertEquals(0.95, p.instances().get(0).cpuRatio());
        assertEquals(10L, p.instances().get(0).heartbeatAgeSeconds());
        assertTrue(p.instances().get(0).running());
        assertTrue(p.instances().get(1).silent(), "50 s without a heartbeat");
        assertTrue(p.instances().get(2).silent(), "never a heartbeat in the 60 s since the start");
        assertNull(p.instances().get(2).lastHeartbeatAt());
        assertNull(p.instances().get(2).running());
    }

    @Test
    void aReportedInstanceIsNotSilentAndAFinishedRunHasNoTimeLeft() {
        RunState state = new RunState("r-20260101-1000-0001", "p", RunStatus.DONE, 1, 2, "d", "h", T0, T0,
                T0.plusSeconds(1000), T0.plusSeconds(500), RunState.Ending.COMPLETED, "every instance reported", Map.of());
        RunProgress p = RunProgress.of(state, null, Map.of(), Set.of(0), T0.plusSeconds(600), Duration.ofSeconds(30));
        assertFalse(p.instances().get(0).silent());
        assertTrue(p.instances().get(0).reported());
        assertNull(p.timeLeftSeconds());
    }
}
