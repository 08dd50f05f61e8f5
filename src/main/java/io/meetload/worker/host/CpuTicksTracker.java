package io.meetload.worker.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive readings of a process tree into the CPU ticks the tree used in between.
 *
 * <p>Per process, not per tree total: a tree's total drops when a member exits, which would read
 * as negative CPU. A process seen for the first time counts all its ticks (it started in the
 * interval, as browsers and their renderers do); a process that exits between two readings loses
 * only its ticks since the last reading. A pid is matched with its start time, so a reused pid is
 * a new process.
 */
final class CpuTicksTracker {

    private record Key(long pid, long startTicks) {
    }

    private Map<Key, Long> previous = Map.of();

    /** Ticks used since the previous call; the first call counts every tick the processes ever used. */
    long advance(List<ProcStat> processes) {
        Map<Key, Long> current = new HashMap<>();
        long used = 0;
        for (ProcStat process : processes) {
            Key key = new Key(process.pid(), process.startTicks());
            Long before = previous.get(key);
            used += before == null ? process.cpuTicks() : Math.max(0, process.cpuTicks() - before);
            current.put(key, process.cpuTicks());
        }
        previous = current;
        return used;
    }
}
