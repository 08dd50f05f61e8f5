package io.meetload.launch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the local launcher starts worker instances as child processes. */
@ConfigMapping(prefix = "meetload.local")
public interface LocalConfig {

    /** The application jar the workers run; default: the quarkus-run.jar this process runs from. */
    Optional<Path> jar();

    /** JVM options for each worker (comma-separated); default {@link WorkerJvm#DEFAULT_OPTIONS}. */
    @WithDefault(WorkerJvm.DEFAULT_OPTIONS)
    List<String> jvmOptions();

    /**
     * A whole command that replaces {@code java [jvm-options] -jar JAR worker} (comma-separated
     * words), e.g. a script; default none. The worker environment is passed all the same.
     */
    Optional<List<String>> command();

    /** How long stop() waits after SIGTERM before it SIGKILLs what is left; default 20s. */
    @WithDefault("20s")
    Duration stopGrace();
}
