package io.meetload.verdict;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.meetload.verdict.RunFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CapacityEstimateTest {

    private final VerdictEngine engine = new VerdictEngine();

    private Verdict.Capacity capacity(RunFixture run) {
        return engine.evaluate(run.input()).capacity();
    }

    /** 12 participants, 8 cameras, 6 instances: instances mix 1 receiver + 1 sender, or 2 senders. */
    private static RunFixture mixed(double cpuCores) {
        return RunFixture.of(RunFixture.plan(12, 8, 6, Duration.ofMinutes(10), Duration.ofMinutes(1), cpuCores));
    }

    @Test
    void leastSquaresRecoversTheCostOfAReceiverAndOfASender() {
        Verdict.Capacity capacity = capacity(mixed(2).costs(0.5, 0.8));

        assertEquals(0.5, capacity.cpuPerReceiver(), 1e-9);
        assertEquals(0.8, capacity.cpuPerSender(), 1e-9);
        // mix: (4 * 0.5 + 8 * 0.8) / 12 = 0.7 cores; 2 * 0.8 / 0.7 = 2.29
        assertEquals(2, capacity.safeParticipantsPerInstance());
        assertEquals("2-CPU instances hold 2 participants receiving 8 cameras with 20% headroom; this plan puts 2 "
                + "on each: it fits; one participant costs about 0.70 cores", capacity.advice());
    }

    @Test
    void tooSmallInstancesGetAskedToGrowOrMultiply() {
        // 1.7 cores of 2: under the saturation line, over the headroom
        Verdict.Capacity capacity = capacity(mixed(2).costs(0.85, 0.85));

        assertEquals(1, capacity.safeParticipantsPerInstance());
        assertEquals("2-CPU instances hold 1 participant receiving 8 cameras with 20% headroom, not the 2 this plan "
                + "puts on each; use 3-CPU instances for 2 participants receiving 8 cameras (6 instances of 3 CPUs), "
                + "or use 12 instances of 2 CPUs; one participant costs about 0.85 cores", capacity.advice());
    }

    @Test
    void instancesThatCannotHoldOneParticipantSaySo() {
        RunFixture run = RunFixture.of(RunFixture.plan(6, 4, 6, Duration.ofMinutes(10), Duration.ZERO, 1))
                .costs(0.85, 0.85);
        Verdict.Capacity capacity = capacity(run);

        assertEquals(0, capacity.safeParticipantsPerInstance());
        assertEquals("1-CPU instances cannot hold even 1 participant receiving 4 cameras with 20% headroom; use "
                + "2-CPU instances for 1 participant receiving 4 cameras (6 instances of 2 CPUs); one participant "
                + "costs about 0.85 cores", capacity.advice());
    }

    @Test
    void theSameMixEverywhereFallsBackToTheAveragePerParticipant() {
        // 4 participants, 2 cameras, 2 instances: each instance has 1 receiver and 1 sender
        RunFixture run = RunFixture.of(RunFixture.plan(4, 2, 2, Duration.ofMinutes(10), Duration.ZERO, 4))
                .costs(0.2, 0.6);

        Verdict.Capacity capacity = capacity(run);
        assertEquals(0.4, capacity.cpuPerReceiver(), 1e-9);
        assertEquals(0.4, capacity.cpuPerSender(), 1e-9);
        assertEquals(8, capacity.safeParticipantsPerInstance());
    }

    @Test
    void withoutReceiversThereIsNoReceiverCost() {
        RunFixture run = RunFixture.of(RunFixture.plan(4, 4, 2, Duration.ofMinutes(10), Duration.ZERO, 2))
                .costs(0, 0.5);

        Verdict.Capacity capacity = capacity(run);
        assertNull(capacity.cpuPerReceiver());
        assertEquals(0.5, capacity.cpuPerSender(), 1e-9);
        assertEquals(3, capacity.safeParticipantsPerInstance());
    }

    @Test
    void theSteadyPartIgnoresTheRampUpAndWhatFollowsAFailure() {
        RunFixture run = mixed(2).costs(0.5, 0.8);
        // instance 4 (2 senders): a busy ramp-up, then 1.6 cores, then calm after its drop; only the
        // middle is steady (a median over all its samples would take the calm 0.2 cores)
        run.cpu(4, Duration.ZERO, 0.85).cpu(4, at(1, 0), 0.8).cpu(4, at(4, 0), 0.1);
        run.drop("i4-p1", at(4, 0), "KICKED");

        Verdict.Capacity capacity = capacity(run);
        assertEquals(0.8, capacity.cpuPerSender(), 1e-9);
    }

    @Test
    void withoutHostSamplesTheCapacityIsUnknownAndSaysWhy() {
        RunFixture run = RunFixture.small();
        for (int i = 0; i < 2; i++) {
            run.noHostSamples(i);
        }

        Verdict.Capacity capacity = capacity(run);
        assertNull(capacity.cpuPerReceiver());
        assertNull(capacity.cpuPerSender());
        assertNull(capacity.safeParticipantsPerInstance());
        assertEquals("no instance reported host samples with participants in it: the CPU cost of a participant is "
                + "unknown", capacity.advice());
    }
}
