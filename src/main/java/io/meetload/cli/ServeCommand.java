package io.meetload.cli;

import io.meetload.coordinator.CoordinatorUrl;
import io.meetload.coordinator.RunService;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Runs the coordinator (HTTP API, scheduler, run store) until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the coordinator until stopped.")
public class ServeCommand implements Callable<Integer> {

    private final RunService service;
    private final CoordinatorUrl url;

    public ServeCommand(RunService service, CoordinatorUrl url) {
        this.service = service;
        this.url = url;
    }

    @Override
    public Integer call() {
        service.start();
        System.out.println("meetload coordinator on port " + url.port() + ", run store " + service.store().root());
        Quarkus.waitForExit();
        return 0;
    }
}
