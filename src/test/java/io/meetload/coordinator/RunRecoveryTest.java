package io.meetload.coordinator;

import io.meetload.instance.Json;
import io.meetload.launch.ChildRecord;
import io.meetload.launch.ProcessTrees;
import io.meetload.plan.PlanFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator restarted over the run store a killed one left behind: runs go on where they
 * were (accepted reports kept, live workers watched and stopped), instances that died meanwhile
 * are named, runs past their deadline end at once, a run caught mid-launch ends. The first test
 * switches the coordinator on, so it runs first.
 */
@QuarkusTest
@TestProfile(RecoveryTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunRecoveryTest {

    @Inject
    RunStore store;

    @Inject
    RunService service;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void noLeftovers() {
        started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(ProcessHandle::destroyForcibly);
    }

    /** A run folder as the coordinator writes it, with the given status and deadline. */
    private String layOut(String id, int instances, RunStatus status, Instant deadline, String token) throws IOException {
        String plan = TestPlans.json(instances, "PT10M");
        byte[] planBytes = plan.getBytes(StandardCharsets.UTF_8);
        Path dir = store.root().resolve(id);
        Files.createDirectories(dir.resolve("instances"));
        Files.createDirectories(dir.resolve("logs"));
        store.writePlan(id, planBytes);
        store.writeToken(id, token);
        Instant created = Instant.now().minus(Duration.ofMinutes(20));
        store.save(new RunState(id, "coordinator-test", status, instances, instances * 2, PlanFiles.digest(planBytes),
                Tokens.sha256Hex(token), created, status == RunStatus.ACCEPTED ? null : created, 
                status == RunStatus.ACCEPTED ? null : deadline, null, null, null, Map.of()));
        return PlanFiles.digest(planBytes);
    }

    private ProcessHandle startChild(String script) throws IOException {
        ProcessHandle child = new ProcessBuilder("sh", "-c", script).start().toHandle();
        started.add(child);
        return child;
    }

    private void recordChild(String id, int index, ChildRecord record) throws IOException {
        Files.createDirectories(store.instanceDir(id, index));
        Files.write(store.instanceDir(id, index).resolve("process.json"), Json.MAPPER.writeValueAsBytes(record));
    }

    private static ChildRecord recordOf(int index, ProcessHandle child) {
        return new ChildRecord(index, child.pid(), child.info().startInstant().orElseThrow(), List.of("sh"));
    }

    /** The record of a child that has ended since (as if while no coordinator was watching). */
    private ChildRecord goneChild(int index) throws Exception {
        ProcessHandle child = startChild("exec sleep 60");
        ChildRecord record = recordOf(index, child);
        child.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessTrees.running(child));
        return record;
    }

    private static String status(String id) {
        return given().get("/api/runs/" + id).path("status");
    }

    @Test
    @Order(1)
    void aRestartedCoordinatorPicksUpEveryRunThatHadNotFinished() throws Exception {
        given().get("/api/runs").then().statusCode(503).body("error", is("this process is not running the coordinator"));

        // Run A: instance 0 reported before the crash and has exited since, instance 1 still works.
        String a = "r-20260101-1000-000a";
        String digestA = layOut(a, 2, RunStatus.RUNNING, Instant.now().plus(Duration.ofMinutes(10)), "token-a");
        store.writeReport(a, 0, TestReports.json(TestReports.report(a, digestA, 0, 2, "COMPLETED")).getBytes(StandardCharsets.UTF_8));
        recordChild(a, 0, goneChild(0));
        ProcessHandle working = startChild("sleep 300 & wait");
        recordChild(a, 1, recordOf(1, working));
        await().atMost(Duration.ofSeconds(10)).until(() -> working.descendants().count() == 1);
        List<ProcessHandle> workingTree = new ArrayList<>(List.of(working));
        working.descendants().forEach(workingTree::add);

        // Run B: past its deadline, with no report; instance 0 died while no coordinator watched,
        // instance 1 still runs and must be stopped.
        String b = "r-20260101-1000-000b";
        layOut(b, 2, RunStatus.RUNNING, Instant.now().minus(Duration.ofMinutes(1)), "token-b");
        recordChild(b, 0, goneChild(0));
        ProcessHandle late = startChild("exec sleep 300");
        recordChild(b, 1, recordOf(1, late));

        // Run C: the coordinator died while it was starting the instances.
        String c = "r-20260101-1000-000c";
        layOut(c, 1, RunStatus.ACCEPTED, null, "token-c");

        service.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(status(b)));
        given().get("/api/runs/" + b).then().body("ending", is("DEADLINE"));
        given().get("/api/runs/" + b + "/verdict").then().statusCode(200)
                .body("status", is("INCONCLUSIVE"))
                .body("instances.outcome", equalTo(List.of("LOST", "LOST")));
        assertTrue(!ProcessTrees.running(late), "the instance still running at the deadline was left running");

        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(status(c)));
        given().get("/api/runs/" + c).then().body("ending", is("LAUNCH_FAILED"))
                .body("endNote", is("the coordinator stopped while it was starting the instances"));
        given().get("/api/runs/" + c + "/verdict").then().body("status", is("INCONCLUSIVE"))
                .body("instances.outcome", equalTo(List.of("NOT_STARTED")));

        // Run A goes on: the live worker is watched, the one that died meanwhile is named.
        assertEquals("RUNNING", status(a));
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/runs/" + a)
                .path("progress.instances[1].running") != null);
        given().get("/api/runs/" + a).then()
                .body("progress.instances[0].reported", is(true))
                .body("progress.instances[0].ended", containsString("exit code unknown"))
                .body("progress.instances[1].running", is(true))
                .body("progress.instances[1].reported", is(false));
        given().header("Authorization", "Bearer token-a").contentType(ContentType.JSON)
                .body(TestReports.json(TestReports.report(a, digestA, 1, 2, "COMPLETED")))
                .post("/api/runs/" + a + "/instances/1/report").then().statusCode(200).body("accepted", is(true));
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(status(a)));
        assertTrue(workingTree.stream().noneMatch(ProcessTrees::running), "the recovered worker was left running");
        given().get("/api/runs/" + a + "/verdict").then().statusCode(200)
                .body("instances.outcome", equalTo(List.of("REPORTED", "REPORTED")));
    }

    @Test
    @Order(2)
    void aLaunchThatFailsEndsTheRunAtOnceNamingTheFailure() throws Exception {
        service.start();
        List<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();

        String id = given().contentType(ContentType.JSON).body(TestPlans.json(2, "PT10M")).post("/api/runs")
                .then().statusCode(201).body("status", is("DONE")).extract().path("id");

        given().get("/api/runs/" + id).then().body("ending", is("LAUNCH_FAILED"))
                .body("endNote", containsString("instance 0 of 2: cannot start " + RecoveryTestProfile.MISSING_WORKER));
        given().get("/api/runs/" + id + "/verdict").then().statusCode(200)
                .body("status", is("INCONCLUSIVE"))
                .body("instances.outcome", equalTo(List.of("NOT_STARTED", "NOT_STARTED")))
                .body("reasons.message", hasItem(containsString("cannot start " + RecoveryTestProfile.MISSING_WORKER)));
        assertEquals(before, ProcessHandle.current().descendants().map(ProcessHandle::pid).toList());
    }
}
