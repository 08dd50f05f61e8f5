package io.meetload.coordinator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;

/** Where runs are kept, and which launcher starts their instances. */
@ConfigMapping(prefix = "meetload")
public interface StoreConfig {

    /** The run store: one folder per run; default ./meetload-data. */
    @WithName("data-dir")
    @WithDefault("./meetload-data")
    Path dataDir();

    /** Which launcher starts instances: local (child processes) or kubernetes; default local. */
    @WithDefault("local")
    String launcher();
}
