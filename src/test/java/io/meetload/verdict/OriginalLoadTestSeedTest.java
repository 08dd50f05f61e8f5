package io.meetload.verdict;

import io.meetload.plan.RunPlan;
import io.meetload.verdict.Verdict.Attribution;
import io.meetload.verdict.Verdict.Reason;
import io.meetload.verdict.Verdict.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.meetload.verdict.RunFixture.at;
import static io.meetload.verdict.VerdictEngineTest.only;
import static io.meetload.verdict.VerdictEngineTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load test meetload was born from: 12 participants, 10 cameras, 6 torture instances of 2 CPUs,
 * 30 minutes. Every instance sat near 60 % CPU, but one climbed to 100 % from minute 25 and two of
 * its participants were kicked at about 30 and 33 minutes while the bridge stayed flat. The verdict
 * must blame the generator, name the instance and both participants, and ask for bigger instances.
 * The ramp-up is 4 minutes so the second drop (33 min) still falls inside the run (34 min).
 */
class OriginalLoadTestSeedTest {

    private static final RunPlan PLAN = RunFixture.plan(12, 10, 6, Duration.ofMinutes(30), Duration.ofMinutes(4), 2);

    private final VerdictEngine engine = new VerdictEngine();

    private static RunFixture original() {
        RunFixture run = RunFixture.of(PLAN).jitter(0.03);
        return run.bridge(run.flatBridge(0.2, 12));
    }

    private static RunFixture instance3Saturates(RunFixture run) {
        return run.cpu(3, at(25, 0), 1.0).cpu(3, at(33, 10), 0.3);
    }

    private static RunFixture instance3Drops(RunFixture run) {
        return run.drop("i3-p1", at(30, 10), "KICKED").drop("i3-p2", at(33, 10), "KICKED");
    }

    @Test
    void theOriginalRunIsInconclusiveAndBlamesInstance3() {
        Verdict verdict = engine.evaluate(instance3Drops(instance3Saturates(original())).input());

        assertEquals(Status.INCONCLUSIVE, verdict.status());
        assertEquals(3, verdict.reasons().size(), () -> "reasons: " + verdict.reasons());
        assertEquals("i3-p1", verdict.reasons().get(0).participant(), "the first reason is the first failure");
        Reason saturated = reason(verdict, "GENERATOR_SATURATED");
        assertEquals(3, saturated.instance());
        assertEquals("25:00", saturated.runMinute());
        List<Reason> drops = verdict.reasons().stream().filter(r -> r.kind().equals("DROPPED")).toList();
        assertEquals(List.of("i3-p1", "i3-p2"), drops.stream().map(Reason::participant).toList());
        assertEquals(List.of("30:10", "33:10"), drops.stream().map(Reason::runMinute).toList());
        for (Reason drop : drops) {
            assertEquals(Attribution.GENERATOR, drop.attribution());
            assertEquals(3, drop.instance());
        }
        assertEquals("i3-p1 dropped at 30:10 (KICKED) while instance 3 ran at 100% of its 2-CPU limit for 5 min "
                + "(limit 90%); bridge stress at most 0.20 around it (calm); seen: conference error: kicked",
                drops.get(0).message());
        assertTrue(drops.get(1).message().startsWith("i3-p2 dropped at 33:10 (KICKED) while instance 3 ran at "),
                drops.get(1).message());

        Verdict.InstanceSummary three = verdict.instances().get(3);
        assertTrue(three.saturatedSeconds() >= 8 * 60 && three.saturatedSeconds() <= 8 * 60 + 20,
                () -> "saturated seconds " + three.saturatedSeconds());
        assertEquals(0, verdict.instances().get(0).saturatedSeconds());
        assertEquals("DROPPED", verdict.participants().get(6).finalState());
        assertEquals("KICKED", verdict.participants().get(6).dropReason());

        Verdict.Capacity capacity = verdict.capacity();
        assertEquals(1, capacity.safeParticipantsPerInstance());
        assertEquals(0.6, capacity.cpuPerSender(), 0.05);
        assertEquals(0.6, capacity.cpuPerReceiver(), 0.05);
        assertEquals("2-CPU instances hold 1 participant receiving 10 cameras with 20% "
                + "headroom, not the 2 this plan puts on each (instance 3 saturated its 2-CPU limit with 2 "
                + "participants); use 3-CPU instances for 2 participants receiving 10 cameras (6 instances of 3 CPUs), "
                + "or use 12 instances of 2 CPUs; sized at 1.00 cores per participant: the steady median says 0.60, "
                + "the saturated instance needed at least 1.00", capacity.advice());
        assertEquals(0.2, verdict.bridge().orElseThrow().stressMax(), 1e-9);
    }

    @Test
    void theSameDropsOnAHealthyGeneratorFailTheService() {
        Verdict verdict = engine.evaluate(instance3Drops(original()).input());

        assertEquals(Status.FAIL, verdict.status());
        assertEquals(2, verdict.reasons().size(), () -> "reasons: " + verdict.reasons());
        for (Reason drop : verdict.reasons()) {
            assertEquals("DROPPED", drop.kind());
            assertEquals(Attribution.SERVICE, drop.attribution());
            assertEquals(3, drop.instance());
        }
        assertEquals(List.of(), verdict.warnings());
    }

    @Test
    void saturationWithoutADropPassesWithAWarningAndAdvice() {
        Verdict verdict = engine.evaluate(instance3Saturates(original()).input());

        assertEquals(Status.PASS, verdict.status(), () -> "reasons: " + verdict.reasons());
        Reason warning = only(verdict.warnings());
        assertEquals("GENERATOR_SATURATED", warning.kind());
        assertEquals(3, warning.instance());
        assertTrue(verdict.capacity().advice().contains("use 3-CPU instances for 2 participants"),
                verdict.capacity().advice());
    }

    @Test
    void instance5sMissingReportIsInconclusiveAndNamed() {
        Verdict verdict = engine.evaluate(original().missingReport(5).input());

        assertEquals(Status.INCONCLUSIVE, verdict.status());
        Reason missing = only(verdict.reasons());
        assertEquals("REPORT_MISSING", missing.kind());
        assertEquals(5, missing.instance());
        assertEquals("instance 5 sent no report; i5-p1, i5-p2 unaccounted for", missing.message());
        assertEquals("LOST", verdict.instances().get(5).outcome());
    }
}
