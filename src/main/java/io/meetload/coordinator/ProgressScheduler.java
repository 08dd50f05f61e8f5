package io.meetload.coordinator;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Checks every active run on a schedule; a check still running when the next is due is skipped. */
@ApplicationScoped
public class ProgressScheduler {

    private final RunService service;
    private final CoordinatorConfig config;

    public ProgressScheduler(RunService service, CoordinatorConfig config) {
        this.service = service;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.autoStart()) {
            service.start();
        }
    }

    @Scheduled(every = "${meetload.coordinator.check-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (service.started()) {
            service.checkAll();
        }
    }
}
