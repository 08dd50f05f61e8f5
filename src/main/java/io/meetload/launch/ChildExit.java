package io.meetload.launch;

import java.time.Instant;

/** How a child process ended, when this process saw it end (instances/I/exit.json). */
public record ChildExit(int index, long pid, int exitCode, Instant at) {
}
