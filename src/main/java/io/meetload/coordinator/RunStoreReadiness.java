package io.meetload.coordinator;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the run store can take a new run: its folder exists and is writable. */
@Readiness
@ApplicationScoped
public class RunStoreReadiness implements HealthCheck {

    private final RunService service;
    private final RunStore store;

    public RunStoreReadiness(RunService service, RunStore store) {
        this.service = service;
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        if (!service.started()) {
            // A worker or a one-shot command: there is no run store to be ready for.
            return HealthCheckResponse.named("run-store").up().withData("coordinator", "off").build();
        }
        return HealthCheckResponse.named("run-store")
                .status(store.usable())
                .withData("coordinator", "on")
                .withData("dataDir", store.root().toString())
                .build();
    }
}
