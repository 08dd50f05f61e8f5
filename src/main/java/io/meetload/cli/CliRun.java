package io.meetload.cli;

import io.meetload.coordinator.RunService;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The run the {@code run} command is following: stopped (cancelled) when the process is, so a
 * Ctrl-C leaves no worker or browser behind.
 */
@ApplicationScoped
public class CliRun {

    private static final Logger LOG = Logger.getLogger(CliRun.class);
    private final RunService service;
    private volatile String runId;

    public CliRun(RunService service) {
        this.service = service;
    }

    void watch(String id) {
        this.runId = id;
    }

    void onStop(@Observes ShutdownEvent event) {
        String id = runId;
        if (id == null) {
            return;
        }
        try {
            if (!service.state(id).status().finished()) {
                service.cancel(id);
            }
        } catch (RuntimeException e) {
            LOG.errorf("run %s: could not be cancelled on shutdown: %s", id, e.getMessage());
        }
    }
}
