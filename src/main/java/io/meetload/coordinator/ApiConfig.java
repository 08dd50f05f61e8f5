package io.meetload.coordinator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the HTTP API. */
@ConfigMapping(prefix = "meetload.api")
public interface ApiConfig {

    /** Largest plan accepted by POST /api/runs, in bytes; default 65536 (64 KiB). */
    @WithDefault("65536")
    int maxBodyBytes();
}
