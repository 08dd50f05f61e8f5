package io.meetload.verdict;

import io.meetload.instance.InstanceFact;
import io.meetload.verdict.Verdict.Attribution;
import io.meetload.verdict.Verdict.Reason;
import io.meetload.verdict.Verdict.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.meetload.verdict.RunFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictEngineTest {

    private final VerdictEngine engine = new VerdictEngine();

    @Test
    void aHealthyRunPasses() {
        Verdict verdict = engine.evaluate(RunFixture.small().input());

        assertEquals(Status.PASS, verdict.status(), () -> "reasons: " + verdict.reasons());
        assertEquals(List.of(), verdict.reasons());
        assertEquals(List.of(), verdict.warnings());
        assertEquals(4, verdict.participants().size());
        assertEquals(2, verdict.instances().size());
        assertEquals(Verdict.SCHEMA, verdict.schema());
        assertEquals("r-test", verdict.run());
    }

    @Test
    void aDropOnAHealthyGeneratorFailsTheService() {
        Verdict verdict = engine.evaluate(RunFixture.small().drop("i1-p1", at(6, 10), "KICKED").input());

        assertEquals(Status.FAIL, verdict.status());
        Reason drop = only(verdict.reasons());
        assertEquals("DROPPED", drop.kind());
        assertEquals(Attribution.SERVICE, drop.attribution());
        assertEquals(1, drop.instance());
        assertEquals("i1-p1", drop.participant());
        assertEquals("06:10", drop.runMinute());
        assertTrue(drop.message().startsWith("i1-p1 dropped at 06:10 (KICKED)"), drop.message());
    }

    @Test
    void aDropWhileTheGeneratorIsSaturatedIsInconclusive() {
        Verdict verdict = engine.evaluate(RunFixture.small()
                .cpu(1, at(2, 0), 0.97).drop("i1-p1", at(6, 0), "KICKED").input());

        assertEquals(Status.INCONCLUSIVE, verdict.status());
        Reason drop = reason(verdict, "DROPPED");
        assertEquals(Attribution.GENERATOR, drop.attribution());
        assertEquals("i1-p1 dropped at 06:00 (KICKED) while instance 1 ran at 97% of its 2-CPU limit for 4 min "
                + "(limit 90%); seen: conference error: kicked", drop.message());
        Reason saturated = reason(verdict, "GENERATOR_SATURATED");
        assertEquals(1, saturated.instance());
        assertEquals("02:00", saturated.runMinute());
    }

    @Test
    void whatAReceiverLostWhileItsSendersInstanceWasSaturatedIsTheGenerators() {
        // The original load test's trap, one hop away: instance 0 starves, so its senders send
        // less, and a receiver on healthy instance 1 sees it. That is not the service failing.
        Verdict verdict = engine.evaluate(RunFixture.small()
                .cpu(0, at(2, 0), 0.97).receiveBps("i1-p2", at(5, 0), 40_000).input());

        assertEquals(Status.INCONCLUSIVE, verdict.status(), () -> "reasons: " + verdict.reasons());
        Reason low = reason(verdict, "LOW_BITRATE");
        assertEquals(Attribution.GENERATOR, low.attribution());
        assertEquals(1, low.instance());
        assertTrue(low.message().contains("while instance 0 ran at 97% of its 2-CPU limit"), low.message());
        assertEquals(0, reason(verdict, "GENERATOR_SATURATED").instance());
    }

    @Test
    void whatAReceiverLostWithEveryGeneratorHealthyIsTheServices() {
        Verdict verdict = engine.evaluate(RunFixture.small().receiveBps("i1-p2", at(5, 0), 40_000).input());

        assertEquals(Status.FAIL, verdict.status());
        assertEquals(Attribution.SERVICE, only(verdict.reasons()).attribution());
    }

    @Test
    void aJoinFailureFailsTheService() {
        Verdict verdict = engine.evaluate(RunFixture.small().failJoin("i0-p2").input());

        assertEquals(Status.FAIL, verdict.status());
        Reason join = only(verdict.reasons());
        assertEquals("JOIN_FAILED", join.kind());
        assertEquals("i0-p2", join.participant());
        assertEquals(Attribution.SERVICE, join.attribution());
    }

    @Test
    void noMediaFailsTheService() {
        Verdict verdict = engine.evaluate(RunFixture.small().noMedia("i1-p2").input());

        assertEquals(Status.FAIL, verdict.status());
        assertEquals("NO_MEDIA", only(verdict.reasons()).kind());
    }

    @Test
    void aLostInstanceIsInconclusiveAndNamed() {
        for (InstanceFact.Outcome outcome : List.of(InstanceFact.Outcome.LOST, InstanceFact.Outcome.OOM_KILLED,
                InstanceFact.Outcome.EVICTED, InstanceFact.Outcome.NOT_STARTED)) {
            Verdict verdict = engine.evaluate(RunFixture.small().fact(1, outcome, at(4, 0)).input());

            assertEquals(Status.INCONCLUSIVE, verdict.status(), outcome::name);
            Reason lost = only(verdict.reasons());
            assertEquals(1, lost.instance(), outcome::name);
            assertTrue(lost.message().startsWith("instance 1 was "), lost.message());
            assertTrue(lost.message().contains("i1-p1, i1-p2 unaccounted for"), lost.message());
            assertEquals(outcome.name(), verdict.instances().get(1).outcome());
        }
    }

    @Test
    void aMissingReportIsInconclusiveAndNamed() {
        Verdict verdict = engine.evaluate(RunFixture.small().missingReport(0).input());

        assertEquals(Status.INCONCLUSIVE, verdict.status());
        Reason missing = only(verdict.reasons());
        assertEquals("REPORT_MISSING", missing.kind());
        assertEquals(Attribution.HARNESS, missing.attribution());
        assertEquals(0, missing.instance());
    }

    @Test
    void aCrashedBrowserIsInconclusive() {
        Verdict verdict = engine.evaluate(RunFixture.small().crash("i0-p1", at(3, 0)).input());

        assertEquals(Status.INCONCLUSIVE, verdict.status());
        Reason crash = only(verdict.reasons());
        assertEquals("BROWSER_CRASHED", crash.kind());
        assertEquals("i0-p1", crash.participant());
        assertEquals(Attribution.GENERATOR, crash.attribution());
    }

    @Test
    void aCancelledRunIsInconclusive() {
        Verdict verdict = engine.evaluate(RunFixture.small().cancelled("stopped by alice", at(5, 0)).input());

        assertEquals(Status.INCONCLUSIVE, verdict.status());
        Reason cancelled = reason(verdict, "CANCELLED");
        assertEquals("run cancelled at 05:00: stopped by alice", cancelled.message());
    }

    @Test
    void aCancelCutsJoinsShortWithoutBlamingTheService() {
        Verdict verdict = engine.evaluate(RunFixture.small().stuck("i1-p2", io.meetload.instance.ParticipantState.JOINING)
                .cancelled("stopped by alice", at(5, 0)).input());

        assertEquals(List.of("CANCELLED"), verdict.reasons().stream().map(Reason::kind).toList());
    }

    @Test
    void anInstanceCancelledAloneStillOwesItsReport() {
        Verdict verdict = engine.evaluate(RunFixture.small().fact(0, InstanceFact.Outcome.CANCELLED, at(3, 0)).input());

        assertEquals(Status.INCONCLUSIVE, verdict.status());
        assertEquals("instance 0 sent no report (it was cancelled); i0-p1, i0-p2 unaccounted for",
                only(verdict.reasons()).message());
    }

    @Test
    void participantsNeverSampledAreNotAPass() {
        Verdict verdict = engine.evaluate(RunFixture.small().neverSampled("i0-p1").input());

        assertNotEquals(Status.PASS, verdict.status());
        Reason missing = only(verdict.reasons());
        assertEquals("REPORT_MISSING", missing.kind());
        assertEquals("i0-p1", missing.participant());
    }

    @Test
    void saturationWithoutFailurePassesWithAWarning() {
        Verdict verdict = engine.evaluate(RunFixture.small().cpu(0, at(3, 0), 0.95).input());

        assertEquals(Status.PASS, verdict.status(), () -> "reasons: " + verdict.reasons());
        Reason warning = only(verdict.warnings());
        assertEquals("GENERATOR_SATURATED", warning.kind());
        assertEquals(0, warning.instance());
    }

    static Reason only(List<Reason> reasons) {
        assertEquals(1, reasons.size(), () -> "reasons: " + reasons);
        return reasons.get(0);
    }

    static Reason reason(Verdict verdict, String kind) {
        return verdict.reasons().stream().filter(r -> r.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + verdict.reasons()));
    }

    @Test
    void aJoinTheRunCutShortOnASaturatedInstanceNamesTheSaturationAsAReason() {
        Verdict verdict = engine.evaluate(RunFixture.small().cpu(1, Duration.ZERO, 1.0)
                .stuck("i1-p1", io.meetload.instance.ParticipantState.JOINING).input());

        assertEquals(Status.INCONCLUSIVE, verdict.status());
        assertEquals(List.of("JOIN_UNFINISHED", "GENERATOR_SATURATED"),
                verdict.reasons().stream().map(Reason::kind).sorted(java.util.Comparator.reverseOrder()).toList());
        assertEquals(List.of(), verdict.warnings().stream().map(Reason::kind).toList());
    }
}
