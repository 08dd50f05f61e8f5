package io.meetload.launch;

/**
 * The worker JVM's options wherever meetload starts one (local child process, Kubernetes pod).
 * The worker holds a handful of browser sessions and its raw samples: a small heap, the serial
 * collector and the client compiler alone (one thread, a smaller code cache) keep its own
 * footprint well under 200 MB, leaving the instance's CPU and memory to the browsers that make the
 * load. Measured by bench/worker-cost: 158 to 167 MiB RSS for 1 to 4 participants, against 199
 * with a 128 MiB heap and both compilers, at the same CPU.
 */
public final class WorkerJvm {

    /** Comma-separated, as the settings take them. */
    public static final String DEFAULT_OPTIONS = "-XX:+UseSerialGC,-Xmx96m,-XX:ReservedCodeCacheSize=32m,-XX:TieredStopAtLevel=1,-XX:CICompilerCount=1,-Xss512k";

    private WorkerJvm() {
    }
}
