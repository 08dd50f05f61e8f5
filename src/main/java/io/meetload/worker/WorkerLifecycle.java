package io.meetload.worker;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Ends a running instance properly when the process is asked to stop (SIGTERM from Kubernetes
 * or from the coordinator): participants leave, browsers close, the report is written and sent.
 */
@ApplicationScoped
public class WorkerLifecycle {

    private static final Logger LOG = Logger.getLogger(WorkerLifecycle.class);

    private final WorkerSettings settings;
    private volatile WorkerRunner running;

    public WorkerLifecycle(WorkerSettings settings) {
        this.settings = settings;
    }

    void running(WorkerRunner runner) {
        running = runner;
    }

    void ended() {
        running = null;
    }

    void onStop(@Observes ShutdownEvent event) {
        WorkerRunner runner = running;
        if (runner == null) {
            return;
        }
        LOG.info("asked to stop: ending the instance and writing its report");
        try {
            runner.stop("SIGTERM", settings.stopTimeout().plus(settings.reportRetryFor()).plus(Duration.ofSeconds(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
