package io.meetload.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over a recorded tree: sh 11427 with children sleep 11429 and "we) (ird x" 11430; pid 1 outside it. */
class ProcReaderTest {

    @TempDir
    Path dir;

    private Path proc;
    private ProcReader reader;

    @BeforeEach
    void recordedTree() {
        proc = Fixtures.rootWithProcesses(dir).resolve("proc");
        reader = new ProcReader(proc, 100, 4096);
    }

    @Test
    void aCommWithSpacesAndParenthesesDoesNotShiftTheFields() {
        ProcStat stat = ProcStat.parse(Fixtures.read(proc.resolve("11430/stat")));

        assertEquals(new ProcStat(11430, "we) (ird x", 11427, 0, 53038), stat);
    }

    @Test
    void cpuTicksAreUtimePlusStime() {
        ProcStat init = ProcStat.parse(Fixtures.read(proc.resolve("1/stat")));

        assertEquals(new ProcStat(1, "process_api", 0, 50 + 236, 25), init);
    }

    @Test
    void treeHoldsTheRootAndAllItsDescendantsOnce() {
        List<ProcStat> all = reader.processes();

        assertEquals(List.of(11427L, 11429L, 11430L), pids(ProcReader.descendants(all, List.of(11427L))));
        assertEquals(List.of(11430L), pids(ProcReader.descendants(all, List.of(11430L))));
        assertEquals(4, ProcReader.descendants(all, List.of(1L, 11427L, 11430L)).size(), "overlapping roots count once");
        assertEquals(List.of(), ProcReader.descendants(all, List.of(99999L)), "a root that is gone");
    }

    @Test
    void memoryIsPssFromSmapsRollup() {
        ProcessTree tree = reader.measure(ProcReader.descendants(reader.processes(), List.of(11427L)));

        assertEquals(3, tree.count());
        assertEquals((356 + 339 + 292) * 1024L, tree.memoryBytes());
    }

    @Test
    void memoryFallsBackToRssFromStatmWhereSmapsRollupIsUnreadable() {
        // recorded as it is here: root may not read pid 1's smaps_rollup
        assertEquals(OptionalLong.of(3395 * 4096L), reader.memoryBytes(1));
        assertEquals(OptionalLong.of(3395 * 65536L), new ProcReader(proc, 100, 65536).memoryBytes(1));
    }

    @Test
    void aProcessThatEndsBetweenItsStatAndItsMemoryIsLeftOut() throws Exception {
        List<ProcStat> tree = ProcReader.descendants(reader.processes(), List.of(11427L));
        Files.delete(proc.resolve("11429/smaps_rollup"));
        Files.delete(proc.resolve("11429/statm"));
        Files.delete(proc.resolve("11429/stat"));

        ProcessTree measured = reader.measure(tree);

        assertEquals(List.of(11427L, 11430L), pids(measured.processes()));
        assertEquals((356 + 292) * 1024L, measured.memoryBytes());
        assertEquals(3, reader.processes().size(), "and a pid directory without stat is skipped while listing");
    }

    @Test
    void aMalformedStatLineIsReportedWithTheLine() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("12 sh S 1"));

        assertEquals("/proc/PID/stat: must read 'PID (COMM) STATE ...', was '12 sh S 1'", error.getMessage());
    }

    @Test
    void auxVectorGivesClockTicksAndPageSize() {
        ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        buffer.putLong(6).putLong(16384).putLong(17).putLong(250).putLong(0).putLong(0).putLong(17).putLong(1);

        assertEquals(Map.of(6L, 16384L, 17L, 250L), ProcReader.auxVector(buffer.array()), "stops at type 0");
    }

    @Test
    void liveReaderFindsThisJvm() {
        ProcReader live = ProcReader.live();
        long self = ProcessHandle.current().pid();

        assertTrue(live.clockTicksPerSecond() > 0);
        assertEquals(List.of(self), pids(ProcReader.descendants(live.processes(), List.of(self))).subList(0, 1));
        assertTrue(live.memoryBytes(self).orElseThrow() > 10_000_000, "a JVM holds more than 10 MB");
    }

    private static List<Long> pids(List<ProcStat> processes) {
        return processes.stream().map(ProcStat::pid).toList();
    }
}
