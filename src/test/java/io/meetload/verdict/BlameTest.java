package io.meetload.verdict;

import io.meetload.bridge.BridgeSeries;
import io.meetload.verdict.Verdict.Attribution;
import io.meetload.verdict.Verdict.Reason;
import io.meetload.verdict.Verdict.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.meetload.verdict.RunFixture.GIB;
import static io.meetload.verdict.RunFixture.at;
import static io.meetload.verdict.VerdictEngineTest.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who is blamed for a failure, through the whole engine. */
class BlameTest {

    private final VerdictEngine engine = new VerdictEngine();

    private Reason drop(RunFixture run) {
        return reason(engine.evaluate(run.input()), "DROPPED");
    }

    @Test
    void saturationThatEndedWithinTheLookbackStillExplainsADrop() {
        RunFixture run = RunFixture.small().cpu(1, at(1, 0), 0.95).cpu(1, at(3, 0), 0.5)
                .drop("i1-p1", at(7, 0), "KICKED");

        Reason drop = drop(run);
        assertEquals(Attribution.GENERATOR, drop.attribution());
        assertEquals("i1-p1 dropped at 07:00 (KICKED) after instance 1 ran at 95% of its 2-CPU limit for 2 min "
                + "(limit 90%) until 03:00; seen: conference error: kicked", drop.message());
        assertEquals(Status.INCONCLUSIVE, engine.evaluate(run.input()).status());
    }

    @Test
    void saturationLongBeforeADropDoesNotExplainIt() {
        RunFixture run = RunFixture.small().cpu(1, at(0, 30), 0.95).cpu(1, at(1, 30), 0.5)
                .drop("i1-p1", at(7, 0), "KICKED");

        Verdict verdict = engine.evaluate(run.input());
        assertEquals(Status.FAIL, verdict.status());
        assertEquals(Attribution.SERVICE, reason(verdict, "DROPPED").attribution());
        assertEquals("GENERATOR_SATURATED", verdict.warnings().get(0).kind());
    }

    @Test
    void saturationOnAnotherInstanceDoesNotExplainADrop() {
        RunFixture run = RunFixture.small().cpu(0, at(2, 0), 0.99).drop("i1-p1", at(5, 0), "KICKED");

        assertEquals(Attribution.SERVICE, drop(run).attribution());
    }

    @Test
    void saturationThatStartsAfterADropDoesNotExplainIt() {
        RunFixture run = RunFixture.small().cpu(1, at(6, 0), 0.99).drop("i1-p1", at(5, 0), "KICKED");

        assertEquals(Attribution.SERVICE, drop(run).attribution());
    }

    @Test
    void memoryAtTheLimitExplainsLowQuality() {
        RunFixture run = RunFixture.small().memory(0, at(3, 0), (long) (3.95 * GIB))
                .receiveBps("i0-p1", at(4, 0), 30_000);

        Verdict verdict = engine.evaluate(run.input());
        Reason low = reason(verdict, "LOW_BITRATE");
        assertEquals(Attribution.GENERATOR, low.attribution());
        assertTrue(low.message().contains(" while instance 0 used 3.9 GiB of its 4.0 GiB memory limit (99%, limit 95%)"), low.message());
        assertEquals(Status.INCONCLUSIVE, verdict.status());
    }

    @Test
    void aCrashedBrowserExplainsItsNeighboursDrop() {
        RunFixture run = RunFixture.small().crash("i0-p1", at(4, 0)).drop("i0-p2", at(4, 30), "MEDIA_STOPPED");

        Reason drop = drop(run);
        assertEquals(Attribution.GENERATOR, drop.attribution());
        assertTrue(drop.message().startsWith("i0-p2 dropped at 04:30 (MEDIA_STOPPED) after the browser of i0-p1 "
                + "crashed at 04:00"), drop.message());
    }

    @Test
    void aStressedBridgeAroundAServiceDropIsInTheMessage() {
        RunFixture run = RunFixture.small().drop("i1-p2", at(6, 0), "KICKED");
        List<BridgeSeries.Point> stress = new ArrayList<>();
        for (int s = 0; s <= 620; s += 10) {
            stress.add(new BridgeSeries.Point(RunFixture.instant(Duration.ofSeconds(s)), s >= 300 && s <= 420 ? 0.93 : 0.3));
        }
        run.bridge(new BridgeSeries("prometheus", Map.of("STRESS", stress), Map.of()));

        Verdict verdict = engine.evaluate(run.input());
        Reason drop = reason(verdict, "DROPPED");
        assertEquals(Status.FAIL, verdict.status());
        assertEquals("i1-p2 dropped at 06:00 (KICKED); bridge stress reached 0.93 at 05:00 (0.80 or more: the "
                + "bridge was straining); seen: conference error: kicked", drop.message());
        assertEquals(0.93, verdict.bridge().orElseThrow().stressMax());
    }
}
