package io.meetload.coordinator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How the coordinator watches its runs. */
@ConfigMapping(prefix = "meetload.coordinator")
public interface CoordinatorConfig {

    /** How often every active run is checked (instances ended, heartbeats, deadline); default 2s. */
    @WithDefault("2s")
    Duration checkInterval();

    /** A worker silent for longer than this is shown as silent; default 30s. */
    @WithDefault("30s")
    Duration heartbeatTimeout();

    /** Added to rampUp + duration before a run's remaining instances are stopped; default 60s. */
    @WithDefault("60s")
    Duration deadlineGrace();

    /** Heartbeat samples are written to run.json at most this often (they stay live in memory); default 5s. */
    @WithDefault("5s")
    Duration persistInterval();

    /**
     * The base URL workers send heartbeats and reports to; default: http://127.0.0.1:PORT of this
     * process's own HTTP server (right for local child processes; set it for Kubernetes).
     */
    Optional<URI> url();

    /**
     * Whether this process watches runs from startup (tests); default false: the {@code serve} and
     * {@code run} commands switch the coordinator on, so a worker or {@code validate} never does.
     */
    @WithDefault("false")
    boolean autoStart();
}
