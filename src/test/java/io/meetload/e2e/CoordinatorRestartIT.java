package io.meetload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.instance.Json;
import io.meetload.sfu.LocalJanus;
import io.meetload.testing.MeetloadJar;
import io.meetload.testing.Plans;
import io.meetload.testing.TestNetwork;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordinator killed (SIGKILL) mid-run and started again on the same data folder and port:
 * the run goes on and ends with a verdict, the report of the instance that lived is kept, and
 * the instance that died while the coordinator was down is named.
 */
class CoordinatorRestartIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRunSurvivesItsCoordinatorBeingKilled() throws Exception {
        TestNetwork.requireLoopbackOnlyNamespace();
        Path dir = Path.of("target/e2e/restart").toAbsolutePath();
        CliRun.deleteTree(dir);
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port);
        Map<String, String> env = new HashMap<>(CliRun.FAST);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("MEETLOAD_DATA_DIR", dir.resolve("data").toString());
        try (LocalJanus janus = LocalJanus.start(dir.resolve("janus"), 0, Duration.ofSeconds(20))) {
            Process first = MeetloadJar.start(dir.resolve("serve-1.log"), env, "serve");
            Process second = null;
            try {
                await("the coordinator answers").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> get(base.resolve("/q/health/ready")).statusCode() == 200);
                String plan = Plans.janusJson("restart", janus.apiUrl().toString(), 6001, 4, 4, 4, 2, "PT40S");
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/runs"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(plan))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, created.statusCode(), created.body());
                String id = Json.MAPPER.readTree(created.body()).path("id").asText();
                Path runDir = dir.resolve("data").resolve(id);
                await("4 participants have media").atMost(Duration.ofSeconds(90)).until(() ->
                        count(runDir.resolve("logs/instance-0.log"), "-> MEDIA_FLOWING")
                                + count(runDir.resolve("logs/instance-1.log"), "-> MEDIA_FLOWING") == 4);
                ProcessHandle worker1 = first.descendants().filter(p -> "1".equals(
                        CliRun.environ(p.pid()).get("JOB_COMPLETION_INDEX"))
                        && p.info().arguments().map(a -> java.util.List.of(a).contains("worker")).orElse(false))
                        .findFirst().orElseThrow();

                first.destroyForcibly(); // SIGKILL: the coordinator is gone, its workers go on
                first.waitFor();
                worker1.destroyForcibly(); // and instance 1 dies while nobody watches
                await("worker 1 is gone").atMost(Duration.ofSeconds(10)).until(() -> !worker1.isAlive());

                second = MeetloadJar.start(dir.resolve("serve-2.log"), env, "serve");
                AtomicReference<HttpResponse<String>> verdict = new AtomicReference<>();
                await("the restarted coordinator ends the run with a verdict").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                            verdict.set(get(base.resolve("/api/runs/" + id + "/verdict")));
                            return verdict.get().statusCode() == 200;
                        });
                JsonNode v = Json.MAPPER.readTree(verdict.get().body());
                assertEquals("INCONCLUSIVE", v.path("status").asText(), v.toPrettyString());
                assertEquals("REPORTED", instance(v, 0).path("outcome").asText(), "instance 0's report is kept: " + v);
                assertTrue(Files.exists(runDir.resolve("instances/0/report.json")), "the report is on disk");
                assertEquals("LOST", instance(v, 1).path("outcome").asText(), instance(v, 1).toString());
                assertTrue(StreamSupport.stream(v.path("reasons").spliterator(), false)
                        .anyMatch(r -> r.path("instance").asInt(-1) == 1), "a reason names instance 1: " + v.path("reasons"));
            } finally {
                first.descendants().forEach(ProcessHandle::destroyForcibly);
                first.destroyForcibly();
                if (second != null) {
                    second.descendants().forEach(ProcessHandle::destroyForcibly);
                    second.destroyForcibly();
                }
            }
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int count(Path log, String text) throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log).split(java.util.regex.Pattern.quote(text), -1).length - 1 : 0;
    }

    private static JsonNode instance(JsonNode verdict, int index) {
        return StreamSupport.stream(verdict.path("instances").spliterator(), false)
                .filter(i -> i.path("index").asInt() == index).findFirst().orElseThrow();
    }
}
