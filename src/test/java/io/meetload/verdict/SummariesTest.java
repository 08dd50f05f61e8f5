package io.meetload.verdict;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.meetload.verdict.RunFixture.GIB;
import static io.meetload.verdict.RunFixture.at;
import static io.meetload.verdict.RunFixture.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SummariesTest {

    @Test
    void aParticipantSummaryTellsItsTimelineAndQuality() {
        RunFixture run = RunFixture.small().receiveBps("i1-p1", at(2, 0), 400_000).loss("i1-p1", at(3, 0), 0.03)
                .loss("i1-p1", at(3, 10), 0.0).drop("i1-p1", at(5, 0), "ICE_FAILED");

        Verdict.ParticipantSummary p = Summaries.participants(RunData.of(run.input())).get(2);
        assertEquals("i1-p1", p.id());
        assertEquals(1, p.instance());
        assertEquals("loadtest", p.room());
        assertEquals("DROPPED", p.finalState());
        assertEquals(instant(at(0, 15)), p.joinedAt());
        assertEquals(instant(at(0, 18)), p.mediaAt());
        assertEquals(instant(at(5, 0)), p.droppedAt());
        assertEquals("ICE_FAILED", p.dropReason());
        // 11 samples at 1500 kbps (00:18..01:58), 18 at 400 kbps (02:08..04:58)
        assertEquals(new Verdict.Percentiles(400.0, 400.0, 1500.0, 1500.0), p.receiveKbps());
        assertEquals(0.03, p.maxPacketLossRatio());
        assertEquals(25.0, p.receiveFps().p50());
    }

    @Test
    void aParticipantThatNeverRanHasEmptyFigures() {
        Verdict.ParticipantSummary p = Summaries.participants(RunData.of(RunFixture.small().missingReport(0).input()))
                .get(0);

        assertNull(p.finalState());
        assertNull(p.joinedAt());
        assertEquals(new Verdict.Percentiles(null, null, null, null), p.receiveKbps());
        assertNull(p.maxPacketLossRatio());
    }

    @Test
    void anInstanceSummaryTellsItsLoad() {
        RunFixture run = RunFixture.small().cpu(1, at(4, 0), 0.95).cpu(1, at(6, 0), 0.5)
                .memory(1, at(5, 0), 3 * GIB).memory(1, at(5, 10), GIB);

        Verdict.InstanceSummary i = Summaries.instances(RunData.of(run.input())).get(1);
        assertEquals(1, i.index());
        assertEquals(2.0, i.cpuLimit());
        assertEquals(120, i.saturatedSeconds());
        assertEquals(3 * GIB, i.memoryBytesMax());
        assertEquals(4 * GIB, i.memoryLimitBytes());
        assertEquals("REPORTED", i.outcome());
        assertEquals(2, i.participants());
        assertEquals(1, i.videoSenders()); // 3 cameras of 4 go to participants 0, 1, 2: instance 1 has one
        // 24 samples at 0.6, 12 at 0.95, 26 at 0.5: the 31st of 62 is 0.6, the 59th 0.95
        assertEquals(0.6, i.cpuRatio().p50());
        assertEquals(0.5, i.cpuRatio().p5());
        assertEquals(0.95, i.cpuRatio().p95());
        assertEquals(0.95, i.cpuRatio().max());
    }

    @Test
    void percentilesAreNearestRankOverRawValuesNeverAveraged() {
        List<Double> values = new ArrayList<>();
        for (int v = 1; v <= 100; v++) {
            values.add((double) v);
        }
        values.add(null);
        values.add(Double.NaN);

        assertEquals(new Verdict.Percentiles(5.0, 50.0, 95.0, 100.0), Stats.percentiles(values));
        assertEquals(new Verdict.Percentiles(7.0, 7.0, 7.0, 7.0), Stats.percentiles(List.of(7.0)));
        assertEquals(new Verdict.Percentiles(1.0, 2.0, 3.0, 3.0), Stats.percentiles(List.of(3.0, 1.0, 2.0)));
    }
}
