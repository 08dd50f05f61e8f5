package io.meetload.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.instance.ParticipantState;
import io.meetload.sfu.LocalJanus;
import io.meetload.testing.LocalPrometheus;
import io.meetload.testing.Plans;
import io.meetload.testing.TestNetwork;
import io.meetload.worker.TestWorkers.Running;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker's metrics as an operator sees them: a real Prometheus scrapes {@code /q/metrics}
 * while two participants are in a real Janus room, and the values come back through its API.
 */
@QuarkusTest
class WorkerMetricsPrometheusTest {

    @Inject
    WorkerSettings settings;
    @Inject
    MeterRegistry registry;
    @Inject
    HostProbe hostProbe;
    @Inject
    HttpPort httpPort;

    @Test
    void prometheusReadsParticipantAndInstanceMetrics() throws Exception {
        TestNetwork.requireLoopbackOnlyNamespace();
        try (LocalJanus janus = LocalJanus.start(Path.of("target/janus-prometheus-test"), 0, Duration.ofSeconds(20));
             LocalPrometheus prometheus = LocalPrometheus.start(Path.of("target/prometheus-worker-test"),
                     "worker", httpPort.get(), "/q/metrics")) {
            Running running = TestWorkers.start(
                    Plans.janus("prom", janus.apiUrl().toString(), 3001, 2, 2, 2, "PT2M"),
                    "t-prom", httpPort.get(), settings, hostProbe, registry);
            running.awaitAll(Duration.ofSeconds(60), s -> s == ParticipantState.MEDIA_FLOWING);

            await("prometheus sees 2 participants with media").atMost(Duration.ofSeconds(30)).until(() ->
                    value(prometheus.query("meetload_participants{run=\"t-prom\",state=\"MEDIA_FLOWING\"}")) == 2);
            await("prometheus sees both receiving").atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode result = prometheus.query("meetload_participant_receive_bits_per_second{run=\"t-prom\"} > 10000");
                return result.size() == 2;
            });
            JsonNode sent = prometheus.query("meetload_participant_send_bits_per_second{run=\"t-prom\"}");
            assertEquals(2, sent.size(), "one send series per participant: " + sent);
            double cpu = value(prometheus.query("meetload_instance_cpu_ratio{run=\"t-prom\"}"));
            assertTrue(cpu > 0 && cpu <= 1.5, "the instance's CPU ratio is measured: " + cpu);
            double browserMemory = value(prometheus.query("meetload_browser_memory_bytes{run=\"t-prom\"}"));
            assertTrue(browserMemory > 50e6, "two browsers use real memory: " + browserMemory);
            assertEquals(0, prometheus.query("meetload_participant_drops_total{run=\"t-prom\"}").size(),
                    "no drop counted");

            running.runner().stop("TEST_DONE", Duration.ofSeconds(60));
            await("prometheus sees both left").atMost(Duration.ofSeconds(30)).until(() ->
                    value(prometheus.query("meetload_participants{run=\"t-prom\",state=\"LEFT\"}")) == 2);
        }
    }

    private static double value(JsonNode result) {
        return result.size() == 0 ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
