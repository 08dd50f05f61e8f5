package io.meetload.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuTicksTrackerTest {

    private final CpuTicksTracker tracker = new CpuTicksTracker();

    @Test
    void countsGrowthPerProcessAndAllTicksOfANewOne() {
        assertEquals(30, tracker.advance(List.of(process(10, 100, 10), process(11, 101, 20))));

        assertEquals(5 + 7 + 40, tracker.advance(List.of(process(10, 100, 15), process(11, 101, 27), process(12, 150, 40))));
    }

    @Test
    void aProcessThatExitsDoesNotMakeTheTreeNegative() {
        tracker.advance(List.of(process(10, 100, 10), process(11, 101, 500)));

        assertEquals(3, tracker.advance(List.of(process(10, 100, 13))));
    }

    @Test
    void aReusedPidIsANewProcess() {
        tracker.advance(List.of(process(10, 100, 500)));

        assertEquals(20, tracker.advance(List.of(process(10, 900, 20))), "same pid, later start: a new process");
    }

    private static ProcStat process(long pid, long startTicks, long cpuTicks) {
        return new ProcStat(pid, "chrome", 1, cpuTicks, startTicks);
    }
}
