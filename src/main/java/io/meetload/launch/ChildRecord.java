package io.meetload.launch;

import java.time.Instant;
import java.util.List;

/**
 * What the local launcher writes for each child process (instances/I/process.json), so that a
 * restarted coordinator can find it again: the pid alone could be reused, pid + start time cannot.
 */
public record ChildRecord(int index, long pid, Instant startedAt, List<String> command) {
}
