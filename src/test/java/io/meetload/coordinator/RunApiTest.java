package io.meetload.coordinator;

import io.meetload.instance.Heartbeat;
import io.meetload.instance.HostSample;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import io.meetload.launch.ChildRecord;
import io.meetload.launch.ProcessTrees;
import io.meetload.plan.PlanFiles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runs API against a real run store and real (idle) worker processes. */
@QuarkusTest
@TestProfile(CoordinatorTestProfile.class)
class RunApiTest {

    private static final Path CORPUS = Path.of("src/test/resources/plans/invalid");

    @Inject
    RunStore store;

    @TestHTTPResource("/api/runs")
    URL runsUrl;

    private Set<String> runFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(store.root())) {
            return dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessTrees::running).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private String create(String plan) {
        return given().contentType(ContentType.JSON).body(plan).post("/api/runs")
                .then().statusCode(201).extract().path("id");
    }

    private List<ProcessHandle> workers(String id, int instances) throws IOException {
        List<ProcessHandle> all = new java.util.ArrayList<>();
        for (int i = 0; i < instances; i++) {
            ChildRecord record = Json.MAPPER.readValue(store.instanceDir(id, i).resolve("process.json").toFile(), ChildRecord.class);
            ProcessHandle.of(record.pid()).ifPresent(p -> {
                all.add(p);
                p.descendants().forEach(all::add);
            });
        }
        return all;
    }

    @Test
    void everyPlanOfTheInvalidCorpusIsRefusedNamingItsFieldsAndNothingStarts() throws IOException {
        List<Path> plans;
        try (Stream<Path> files = Files.list(CORPUS)) {
            plans = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(plans.size() > 10, "the corpus is there: " + plans.size());
        for (Path plan : plans) {
            Path expectedFile = plan.resolveSibling(plan.getFileName().toString().replace(".json", ".expected"));
            List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            List<String> fields = expected.stream().map(l -> l.substring(0, l.indexOf(": "))).toList();
            Set<String> foldersBefore = runFolders();
            Set<Long> childrenBefore = children();

            Response answer = given().contentType(ContentType.JSON).body(Files.readAllBytes(plan)).post("/api/runs");

            answer.then().statusCode(400).contentType(ContentType.JSON).body("error", is("invalid plan"));
            assertEquals(expected, answer.jsonPath().getList("errors.message"), plan.getFileName().toString());
            assertEquals(fields, answer.jsonPath().getList("errors.field"), plan.getFileName().toString());
            assertEquals(foldersBefore, runFolders(), "a run folder was created for " + plan.getFileName());
            assertEquals(childrenBefore, children(), "a process was started for " + plan.getFileName());
        }
    }

    @Test
    void aPlanOver64KiBIs413NamingTheLimitBeforeItIsParsed() throws IOException {
        Set<String> foldersBefore = runFolders();
        Set<Long> childrenBefore = children();
        String valid = TestPlans.json(1, "PT10M");
        String padded = valid + " ".repeat(65 * 1024 - valid.length());
        assertEquals(66560, padded.getBytes(StandardCharsets.UTF_8).length);

        given().contentType(ContentType.JSON).body(padded).post("/api/runs")
                .then().statusCode(413)
                .body("error", is("plan: must be at most 65536 bytes (meetload.api.max-body-bytes), was 66560 bytes"));

        // Without a Content-Length (chunked), the bytes read are counted instead.
        HttpURLConnection chunked = (HttpURLConnection) runsUrl.openConnection();
        chunked.setRequestMethod("POST");
        chunked.setDoOutput(true);
        chunked.setChunkedStreamingMode(4096);
        chunked.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = chunked.getOutputStream()) {
            out.write(padded.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(413, chunked.getResponseCode());
        String message = new String(chunked.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(message.contains("plan: must be at most 65536 bytes (meetload.api.max-body-bytes), was more than 65536 bytes"), message);

        assertEquals(foldersBefore, runFolders());
        assertEquals(childrenBefore, children());
    }

    @Test
    void aRunIsOnDiskBeforeThe201AndEndsOnceEveryInstanceReported() throws IOException {
        String plan = TestPlans.json(2, "PT10M");
        Response created = given().contentType(ContentType.JSON).body(plan).post("/api/runs");
        String id = created.then().statusCode(201)
                .body("id", matchesPattern("r-\\d{8}-\\d{4}-[0-9a-f]{4}"))
                .body("status", is("RUNNING"))
                .body("self", endsWith("/api/runs/" + created.path("id")))
                .body("verdict", endsWith("/api/runs/" + created.path("id") + "/verdict"))
                .body("report", endsWith("/api/runs/" + created.path("id") + "/report"))
                .header("Location", endsWith("/api/runs/" + created.path("id")))
                .extract().path("id");
        // No waiting: the state was written before the answer.
        Path dir = store.dir(id);
        assertTrue(Files.isRegularFile(dir.resolve("run.json")));
        assertArrayEquals(plan.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("plan.json")));
        String token = store.readToken(id);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("worker-token"))));
        assertFalse(Files.readString(dir.resolve("run.json")).contains(token), "run.json must not hold the token");
        List<ProcessHandle> workers = workers(id, 2);
        assertTrue(workers.stream().allMatch(ProcessTrees::running));

        given().get("/api/runs/" + id + "/verdict").then().statusCode(409)
                .body("error", is("run not finished")).body("status", is("RUNNING"));
        given().get("/api/runs/" + id + "/report").then().statusCode(409).body("error", is("run not finished"));

        String digest = PlanFiles.digest(plan.getBytes(StandardCharsets.UTF_8));
        Heartbeat beat = new Heartbeat(id, 0, Instant.now(), List.of(TestReports.sample("i0-p1", Instant.now()),
                TestReports.sample("i0-p2", Instant.now())),
                new HostSample(Instant.now(), 0.5, 1.0, 0.5, 1L << 30, 2L << 30, 0, 0.4, 1L << 29, 6), List.of());
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(TestReports.json(beat))
                .post("/api/runs/" + id + "/instances/0/heartbeat").then().statusCode(200).body("accepted", is(true));
        given().get("/api/runs/" + id).then().statusCode(200)
                .body("status", is("RUNNING"))
                .body("progress.participants", is(4))
                .body("progress.joined", is(2))
                .body("progress.byState.MEDIA_FLOWING", is(2))
                .body("progress.instances[0].cpuRatio", is(0.5f))
                .body("progress.instances[0].lastHeartbeatAt", notNullValue())
                .body("progress.instances[0].silent", is(false))
                .body("progress.timeLeftSeconds", notNullValue());
        given().get("/api/runs").then().statusCode(200).body("id", hasItem(id));
        // Live in memory at once, and on disk by the next check (persist-interval 0s here).
        await().atMost(Duration.ofSeconds(10)).until(() -> store.load(id).progress().containsKey(0));
        assertEquals(2, store.load(id).progress().get(0).participants().size());

        InstanceReport first = TestReports.report(id, digest, 0, 2, "COMPLETED");
        String url = "/api/runs/" + id + "/instances/0/report";
        given().contentType(ContentType.JSON).body(TestReports.json(first)).post(url)
                .then().statusCode(401).body("error", is("Authorization: must be \"Bearer <the run's worker token>\", was missing"));
        given().header("Authorization", "Bearer not-the-token").contentType(ContentType.JSON).body(TestReports.json(first)).post(url)
                .then().statusCode(403).body("error", is("worker token: does not match run " + id + "'s token"));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(TestReports.json(TestReports.report("r-20200101-0000-0000", digest, 0, 2, "COMPLETED"))).post(url)
                .then().statusCode(400).body("error", is("run: must be " + id + " (the run in the path), was r-20200101-0000-0000"));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(TestReports.json(TestReports.report(id, digest, 2, 2, "COMPLETED"))).post("/api/runs/" + id + "/instances/2/report")
                .then().statusCode(400).body("error", is("index: must be between 0 and 1 (run " + id + " has 2 instances), was 2"));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(TestReports.json(TestReports.report(id, digest, 1, 2, "COMPLETED"))).post(url)
                .then().statusCode(400).body("error", is("index: must be 0 (the index in the path), was 1"));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(TestReports.json(TestReports.report(id, "ab".repeat(32), 0, 2, "COMPLETED"))).post(url)
                .then().statusCode(409).body("error", is("planDigest: must be " + digest + " (the SHA-256 of run " + id
                        + "'s plan), was " + "ab".repeat(32)));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{not json").post(url)
                .then().statusCode(400).body("error", containsString("report: not valid JSON for InstanceReport"));
        assertFalse(Files.exists(store.instanceDir(id, 0).resolve("report.json")), "a refused report was kept");

        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(TestReports.json(first)).post(url)
                .then().statusCode(200).body("accepted", is(true)).body("duplicate", is(false));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(TestReports.json(first)).post(url)
                .then().statusCode(200).body("accepted", is(false)).body("duplicate", is(true));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(TestReports.json(TestReports.report(id, digest, 0, 2, "SIGTERM"))).post(url)
                .then().statusCode(409).body("error", is("instance 0 of run " + id
                        + " already reported, and this report differs from the one accepted"));
        assertEquals(TestReports.json(first), Files.readString(store.instanceDir(id, 0).resolve("report.json")));
        given().get("/api/runs/" + id).then().statusCode(200).body("status", is("RUNNING"));

        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(TestReports.json(TestReports.report(id, digest, 1, 2, "COMPLETED")))
                .post("/api/runs/" + id + "/instances/1/report").then().statusCode(200).body("accepted", is(true));

        // Every instance reported: the run ends now, not at its deadline ten minutes away.
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(given().get("/api/runs/" + id).path("status")));
        assertTrue(workers.stream().noneMatch(ProcessTrees::running), "worker processes left running");
        given().get("/api/runs/" + id + "/verdict").then().statusCode(200).contentType(ContentType.JSON)
                .body("run", is(id)).body("schema", is(1)).body("status", notNullValue())
                .body("instances.outcome", equalTo(List.of("REPORTED", "REPORTED")));
        given().get("/api/runs/" + id + "/report").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString(id));
        given().get("/api/runs/" + id).then().body("ending", is("COMPLETED")).body("endNote", is("every instance reported"));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(TestReports.json(first)).post(url)
                .then().statusCode(409).body("error", is("run " + id + " has finished (DONE): reports are closed"))
                .body("status", is("DONE"));
        given().post("/api/runs/" + id + "/cancel").then().statusCode(409)
                .body("error", is("run " + id + " has finished (DONE): cannot be cancelled"));
    }

    @Test
    void cancelStopsTheInstancesAndEndsInconclusive() throws IOException {
        String id = create(TestPlans.json(2, "PT10M"));
        List<ProcessHandle> workers = workers(id, 2);
        assertEquals(4, workers.size(), "2 shells, each with a child");

        given().post("/api/runs/" + id + "/cancel").then().statusCode(200)
                .body("id", is(id)).body("status", is("CANCELLED"));

        assertTrue(workers.stream().noneMatch(ProcessTrees::running), "worker processes left running");
        given().get("/api/runs/" + id + "/verdict").then().statusCode(200)
                .body("status", is("INCONCLUSIVE"))
                .body("reasons.kind", hasItem("CANCELLED"));
        given().get("/api/runs").then().body("find { it.id == '" + id + "' }.verdict", is("INCONCLUSIVE"));
        given().post("/api/runs/" + id + "/cancel").then().statusCode(409)
                .body("error", is("run " + id + " has finished (CANCELLED): cannot be cancelled"));
    }

    @Test
    void anUnknownRunIs404WithAMessage() {
        given().get("/api/runs/r-20990101-0000-ffff").then().statusCode(404)
                .body("error", is("run r-20990101-0000-ffff not found"));
        given().get("/api/runs/..%2Fetc/verdict").then().statusCode(404);
        given().get("/api/runs/not-a-run/verdict").then().statusCode(404).body("error", is("run not-a-run not found"));
        given().post("/api/runs/r-20990101-0000-ffff/cancel").then().statusCode(404);
        given().header("Authorization", "Bearer x").contentType(ContentType.JSON).body("{}")
                .post("/api/runs/r-20990101-0000-ffff/instances/0/report").then().statusCode(404)
                .body("error", is("run r-20990101-0000-ffff not found"));
    }

    @Test
    void healthAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'run-store' }.status", is("UP"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/runs/{id}/instances/{index}/report"))
                .body(containsString("/api/runs/{id}/cancel"));
    }
}
