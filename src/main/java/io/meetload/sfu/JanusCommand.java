package io.meetload.sfu;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code meetload janus}: the same local Janus the tests use ({@link LocalJanus}), until the
 * process is stopped, for the demo plan and the benchmarks. Hidden: Janus carries media only
 * inside {@code bin/in-netns}, which is a developer's tool.
 */
@Command(name = "janus", hidden = true, mixinStandardHelpOptions = true,
        description = "Run a local Janus on 127.0.0.1 until stopped (media needs bin/in-netns).")
public class JanusCommand implements Callable<Integer> {

    static final int EXIT_JANUS_FAILED = 70;

    @Option(names = "--port", defaultValue = "8088", description = "The HTTP API port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", defaultValue = "janus-local",
            description = "Where its configuration and log go (default ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() {
        try (LocalJanus janus = LocalJanus.start(dir, port, Duration.ofSeconds(20))) {
            System.out.println("janus " + janus.apiUrl() + " pid " + janus.pid() + " log " + janus.log());
            // a Janus that dies on its own ends this process too, with a failure
            AtomicBoolean stopping = new AtomicBoolean();
            ProcessHandle.of(janus.pid()).ifPresent(h -> h.onExit().thenRun(() -> {
                if (!stopping.get()) {
                    Quarkus.asyncExit(EXIT_JANUS_FAILED);
                }
            }));
            Quarkus.waitForExit();
            stopping.set(true);
            if (!janus.isAlive()) {
                System.err.println("meetload janus: janus exited on its own; see " + janus.log());
                return EXIT_JANUS_FAILED;
            }
            return 0;
        } catch (IOException e) {
            System.err.println("meetload janus: " + e.getMessage());
            return EXIT_JANUS_FAILED;
        }
    }
}
