package io.meetload.bridge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Reading the bridge's metrics from Prometheus for a run's verdict. */
@ConfigMapping(prefix = "meetload.bridge")
public interface BridgeConfig {

    /** Resolution of the series read over a run window; default 15s (raised when a run is too long for it). */
    @WithDefault("15s")
    Duration step();

    /** How long one Prometheus query may take; default 10s. */
    @WithDefault("10s")
    Duration timeout();
}
