package io.meetload.verdict;

import io.meetload.instance.InstanceFact;
import io.meetload.verdict.Verdict.Attribution;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.meetload.verdict.RunFixture.GIB;
import static io.meetload.verdict.RunFixture.at;
import static io.meetload.verdict.RunFixture.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorRuleTest {

    private final GeneratorRule rule = new GeneratorRule(Duration.ofSeconds(30));

    private static List<Fault> faults(GeneratorRule rule, RunFixture run) {
        return rule.faults(RunData.of(run.input()));
    }

    private List<Fault> faults(RunFixture run) {
        return faults(rule, run);
    }

    static Fault single(List<Fault> faults) {
        assertEquals(1, faults.size(), () -> "faults: " + faults);
        return faults.get(0);
    }

    @Test
    void aHealthyGeneratorHasNoFault() {
        assertEquals(List.of(), faults(RunFixture.small().jitter(0.05)));
    }

    @Test
    void theCpuAtTheLimitForTheWindowIsSaturation() {
        Fault fault = single(faults(RunFixture.small().cpu(1, at(3, 0), 0.93).cpu(1, at(7, 0), 0.5)));

        assertEquals("GENERATOR_SATURATED", fault.kind());
        assertEquals(Attribution.GENERATOR, fault.attribution());
        assertEquals(1, fault.instance());
        assertEquals(instant(at(3, 0)), fault.from());
        assertEquals(instant(at(7, 0)), fault.to());
        assertFalse(fault.decisive());
        assertEquals("instance 1 ran at 93% of its 2-CPU limit for 4 min from 03:00 to 07:00 (limit 90%)",
                fault.message());
        assertEquals("instance 1 ran at 93% of its 2-CPU limit for 2 min (limit 90%)",
                fault.cause().apply(instant(at(5, 0))));
    }

    @Test
    void aBurstShorterThanTheWindowIsNotSaturation() {
        RunFixture burst = RunFixture.small().cpu(0, at(3, 0), 1.0).cpu(0, at(3, 20), 0.5);

        assertEquals(List.of(), faults(burst));
        assertEquals(1, faults(new GeneratorRule(Duration.ofSeconds(20)), burst).size());
    }

    @Test
    void theSampleAfterAGapCoversTheGap() {
        // a CPU sample measures the whole time since the one before it: a starved worker samples
        // late, and the late sample still says it was saturated all along
        RunFixture gap = RunFixture.small().cpu(0, at(3, 0), 1.0).hostGap(0, at(3, 50)).cpu(0, at(5, 40), 0.5);

        Fault fault = single(faults(new GeneratorRule(Duration.ofSeconds(60)), gap));
        // one episode across the unsampled minute (windows are judged where samples end)
        assertTrue(!fault.from().isAfter(RunFixture.instant(at(3, 50))), fault.from().toString());
        assertTrue(!fault.to().isBefore(RunFixture.instant(at(5, 40))), fault.to().toString());
    }

    @Test
    void noisyReadingsAroundTheLimitAreStillSaturation() {
        // readings wobble from 0.85 to 1.05 around 0.95: no single low one ends the episode
        RunFixture noisy = RunFixture.small().jitter(0.1).cpu(1, at(3, 0), 0.95).cpu(1, at(7, 0), 0.5);

        Fault fault = single(faults(noisy));
        assertEquals("GENERATOR_SATURATED", fault.kind());
        assertEquals(1, fault.instance());
    }

    @Test
    void memoryAt95PercentOfItsLimitIsAFault() {
        Fault fault = single(faults(RunFixture.small().memory(0, at(4, 0), (long) (3.9 * GIB))
                .memory(0, at(4, 30), 2 * GIB)));

        assertEquals("GENERATOR_MEMORY", fault.kind());
        assertEquals("instance 0 used 3.9 GiB of its 4.0 GiB memory limit (97%, limit 95%) for 30 s from 04:00",
                fault.message());
    }

    @Test
    void oomKillsInTheHostSamplesAreFaults() {
        Fault fault = single(faults(RunFixture.small().oomKill(1, at(8, 0))));

        assertEquals("OOM_KILLED", fault.kind());
        assertEquals(instant(at(8, 0)), fault.from());
        assertEquals("instance 1 had 1 OOM kill by 08:00", fault.message());
    }

    @Test
    void aCrashedBrowserIsDecisive() {
        Fault fault = single(faults(RunFixture.small().crash("i1-p2", at(2, 30))));

        assertEquals("BROWSER_CRASHED", fault.kind());
        assertEquals("i1-p2", fault.participant());
        assertTrue(fault.decisive());
        assertEquals("the browser of i1-p2 crashed at 02:30; seen: session deleted because of page crash",
                fault.message());
    }

    @Test
    void lostInstancesAreDecisiveAndSayHow() {
        Fault oom = single(faults(RunFixture.small().fact(0, InstanceFact.Outcome.OOM_KILLED, at(6, 0))));
        assertEquals("OOM_KILLED", oom.kind());
        assertEquals(Attribution.GENERATOR, oom.attribution());
        assertTrue(oom.decisive());
        assertEquals("instance 0 was OOM-killed at 06:00 (memory limit 4.0 GiB), exit code 137, signal KILL: "
                + "pod OOM_KILLED; no report, i0-p1, i0-p2 unaccounted for", oom.message());

        Fault evicted = single(faults(RunFixture.small().fact(1, InstanceFact.Outcome.EVICTED, at(6, 0))));
        assertEquals("INSTANCE_LOST", evicted.kind());
        assertEquals(Attribution.HARNESS, evicted.attribution());
        assertTrue(evicted.message().startsWith("instance 1 was evicted at 06:00"), evicted.message());
    }

    @Test
    void aMissingReportIsDecisiveUnlessTheRunWasCancelled() {
        Fault missing = single(faults(RunFixture.small().missingReport(1)));
        assertEquals("REPORT_MISSING", missing.kind());
        assertTrue(missing.decisive());
        assertEquals("instance 1 sent no report; i1-p1, i1-p2 unaccounted for", missing.message());

        assertEquals(List.of(), faults(RunFixture.small().missingReport(1).cancelled("stop", at(2, 0))));
    }
}
