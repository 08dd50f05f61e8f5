package io.meetload.launch;

/**
 * The worker JVM's options wherever meetload starts one (local child process, Kubernetes pod).
 * The worker holds a handful of browser sessions and its raw samples: a small heap and the
 * serial collector keep its own footprint under 200 MB, leaving the instance's CPU and memory to
 * the browsers that make the load (measured by bench/worker-cost).
 */
public final class WorkerJvm {

    /** Comma-separated, as the settings take them. */
    public static final String DEFAULT_OPTIONS = "-XX:+UseSerialGC,-Xmx128m,-XX:ReservedCodeCacheSize=48m,-Xss512k";

    private WorkerJvm() {
    }
}
