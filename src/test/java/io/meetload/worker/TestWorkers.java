package io.meetload.worker;

import io.meetload.driver.ConferenceDriver;
import io.meetload.driver.JanusDriver;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import io.meetload.instance.ParticipantState;
import io.meetload.plan.RunPlan;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Starts a real WorkerRunner in this test JVM (its page served by the test's HTTP server). */
final class TestWorkers {

    record Running(WorkerRunner runner, CompletableFuture<InstanceReport> result, Path reportFile) {
        /** The report as returned and as written to its file (checked to be the same). */
        InstanceReport report() throws Exception {
            InstanceReport returned = result.get(90, TimeUnit.SECONDS);
            InstanceReport written = Json.MAPPER.readValue(reportFile.toFile(), InstanceReport.class);
            assertEquals(returned.events().size(), written.events().size(), "the file holds the whole report");
            return written;
        }

        void awaitAll(Duration atMost, Predicate<ParticipantState> wanted) {
            await("every participant reaches the wanted state").atMost(atMost).pollInterval(Duration.ofMillis(500))
                    .until(() -> runner.states().values().stream().allMatch(wanted));
        }
    }

    private TestWorkers() {
    }

    static Running start(RunPlan plan, String run, int httpPort, WorkerSettings settings, HostProbe hostProbe,
                         MeterRegistry registry) throws Exception {
        return start(plan, run, httpPort, settings, hostProbe, registry, new JanusDriver(true, 1_000_000));
    }

    static Running start(RunPlan plan, String run, int httpPort, WorkerSettings settings, HostProbe hostProbe,
                         MeterRegistry registry, ConferenceDriver driver) throws Exception {
        Path reportFile = Path.of("target/worker-test", run, "report.json");
        Files.deleteIfExists(reportFile);
        var job = new WorkerRunner.Job(plan, "digest-" + run, run, 0, 1, URI.create("http://127.0.0.1:" + httpPort),
                reportFile, Optional.empty(), Optional.empty());
        WorkerRunner runner = new WorkerRunner(job, settings, driver,
                new BrowserFactory(settings), hostProbe, registry, Clock.systemUTC());
        CompletableFuture<InstanceReport> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(runner.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "test-worker-" + run);
        thread.start();
        return new Running(runner, result, reportFile);
    }
}
