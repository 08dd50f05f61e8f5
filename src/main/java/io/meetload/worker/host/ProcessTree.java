package io.meetload.worker.host;

import java.util.List;

/**
 * A process tree as read at one moment.
 *
 * @param processes the processes still alive when their memory was read
 * @param memoryBytes their memory, PSS where readable, else RSS
 */
public record ProcessTree(List<ProcStat> processes, long memoryBytes) {

    public ProcessTree {
        processes = List.copyOf(processes);
    }

    public int count() {
        return processes.size();
    }
}
