package io.meetload.security;

import io.meetload.coordinator.CoordinatorTestProfile;
import io.meetload.coordinator.RunStore;
import io.meetload.coordinator.TestPlans;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A token-less coordinator on loopback takes requests from this machine, not from another site's page. */
@QuarkusTest
@TestProfile(CoordinatorTestProfile.class)
class LoopbackWithoutTokenTest {

    @Inject
    RunStore store;

    private Set<String> runFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(store.root())) {
            return dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void aRebindingNameOrAnotherSitesPageCannotStartOrCancelRuns() throws IOException {
        Set<String> before = runFolders();
        given().header("Host", "meetload.attacker.example:8080").contentType(ContentType.JSON)
                .body(TestPlans.json(1, "PT10M")).post("/api/runs")
                .then().statusCode(403).body("error", is("Host: must name this machine (localhost, 127.0.0.1, [::1])"
                        + " while meetload.api.token is not set, was meetload.attacker.example:8080"));
        given().header("Origin", "https://attacker.example").contentType(ContentType.JSON)
                .body(TestPlans.json(1, "PT10M")).post("/api/runs")
                .then().statusCode(403).body("error", is("Origin: a page of another site cannot change runs while"
                        + " meetload.api.token is not set, was https://attacker.example"));
        given().header("Origin", "https://attacker.example").post("/api/runs/r-20990101-0000-ffff/cancel")
                .then().statusCode(403);
        assertEquals(before, runFolders());
        // The coordinator's own pages (same origin) and programs on this machine are taken.
        given().header("Origin", "http://localhost:8080").contentType(ContentType.JSON).body("{}").post("/api/runs")
                .then().statusCode(400).body("error", is("invalid plan"));
        given().header("Origin", "http://localhost:8080").post("/api/runs/r-20990101-0000-ffff/cancel")
                .then().statusCode(404);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/runs")
    java.net.URI runs;

    @Test
    void anHttp2ClientOnThisMachineIsTaken() throws Exception {
        // Java's HttpClient upgrades plain http to h2c: the host then comes as :authority, not Host
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        java.net.http.HttpResponse<String> first = client.send(java.net.http.HttpRequest.newBuilder(runs)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> second = client.send(java.net.http.HttpRequest.newBuilder(runs)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, first.statusCode(), first.body());
        assertEquals(400, second.statusCode(), "over HTTP/2 (" + second.version() + "): " + second.body());
    }
}
