package io.meetload.coordinator;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A coordinator that is not switched on at startup, so a test can first lay out a run store as a
 * killed coordinator leaves it; its worker command cannot start, to show a failed launch.
 */
public class RecoveryTestProfile implements QuarkusTestProfile {

    static final String MISSING_WORKER = "/nonexistent/meetload-worker";

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of(
                    "meetload.data-dir", Files.createTempDirectory("meetload-recovery-test").toString(),
                    "meetload.coordinator.auto-start", "false",
                    "meetload.coordinator.check-interval", "1s",
                    "meetload.coordinator.deadline-grace", "1s",
                    "meetload.local.command", MISSING_WORKER,
                    "meetload.local.stop-grace", "3s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
