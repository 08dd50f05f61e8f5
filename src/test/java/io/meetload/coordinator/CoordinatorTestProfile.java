package io.meetload.coordinator;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A coordinator with short intervals, its own empty run store, and workers that are real but
 * idle processes (a shell with a child) that run until stopped; tests post reports themselves.
 */
public class CoordinatorTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of(
                    "meetload.data-dir", Files.createTempDirectory("meetload-api-test").toString(),
                    "meetload.coordinator.auto-start", "true",
                    "meetload.coordinator.check-interval", "1s",
                    "meetload.coordinator.heartbeat-timeout", "2s",
                    "meetload.coordinator.deadline-grace", "1s",
                    "meetload.coordinator.persist-interval", "0s",
                    "meetload.local.command", "sh,-c,sleep 300 & wait",
                    "meetload.local.stop-grace", "3s",
                    // The invalid-plan corpus alone posts more plans in a minute than the default rate limit allows.
                    "meetload.api.requests-per-minute", "10000");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
