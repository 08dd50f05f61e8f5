package io.meetload.cli;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The CLI with a stand-in worker script that heartbeats and reports the way the worker does. */
public class CliTestProfile implements QuarkusTestProfile {

    static final Path DATA_DIR;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("meetload-cli-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "meetload.data-dir", DATA_DIR.toString(),
                "meetload.coordinator.check-interval", "1s",
                "meetload.local.command", "sh," + Path.of("src/test/resources/workers/report-worker.sh").toAbsolutePath(),
                "meetload.local.stop-grace", "3s");
    }
}
