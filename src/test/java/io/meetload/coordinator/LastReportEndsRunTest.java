package io.meetload.coordinator;

import io.meetload.plan.PlanFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * The last report ends its run at once: with the scheduled check an hour away, only the report
 * itself can have ended it, and the verdict counts the reports the intake kept.
 */
@QuarkusTest
@TestProfile(LastReportEndsRunTest.HourlyChecks.class)
class LastReportEndsRunTest {

    /** The API test's coordinator, whose scheduled check comes once an hour. */
    public static class HourlyChecks extends CoordinatorTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("meetload.coordinator.check-interval", "1h");
            return overrides;
        }
    }

    @Inject
    RunStore store;

    @Test
    void theLastReportEndsTheRunWithoutWaitingForTheCheck() throws Exception {
        String plan = TestPlans.json(2, "PT10M");
        String id = given().contentType(ContentType.JSON).body(plan).post("/api/runs")
                .then().statusCode(201).extract().path("id");
        String token = store.readToken(id);
        String digest = PlanFiles.digest(plan.getBytes(StandardCharsets.UTF_8));

        post(id, token, 0, digest);
        given().get("/api/runs/" + id).then().statusCode(200).body("status", is("RUNNING"));
        post(id, token, 1, digest);

        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(given().get("/api/runs/" + id).path("status")));
        given().get("/api/runs/" + id).then().body("ending", is("COMPLETED")).body("endNote", is("every instance reported"));
        given().get("/api/runs/" + id + "/verdict").then().statusCode(200)
                .body("instances.outcome", equalTo(List.of("REPORTED", "REPORTED")));
    }

    private static void post(String id, String token, int index, String digest) {
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(TestReports.json(TestReports.report(id, digest, index, 2, "COMPLETED")))
                .post("/api/runs/" + id + "/instances/" + index + "/report")
                .then().statusCode(200).body("accepted", is(true));
    }
}
