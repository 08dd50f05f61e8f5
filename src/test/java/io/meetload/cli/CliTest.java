package io.meetload.cli;

import io.meetload.instance.Json;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validate and run commands, their output and exit codes. */
@QuarkusMainTest
@TestProfile(CliTestProfile.class)
class CliTest {

    private static final Path DEMO = Path.of("src/main/resources/plans/demo.json");
    private static final Path INVALID = Path.of("src/test/resources/plans/invalid/58-several-errors.json");

    private static long runFolders() throws IOException {
        if (!Files.isDirectory(CliTestProfile.DATA_DIR)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(CliTestProfile.DATA_DIR)) {
            return dirs.count();
        }
    }

    private static List<String> expectedErrors() throws IOException {
        return Files.readAllLines(Path.of(INVALID.toString().replace(".json", ".expected")), StandardCharsets.UTF_8)
                .stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void validateSaysValidOrListsEveryError(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult valid = launcher.launch("validate", DEMO.toString());
        assertEquals(0, valid.exitCode(), valid.getErrorOutput());
        assertTrue(valid.getOutput().contains("valid plan demo: 4 participant(s) in 1 room(s), 2 instance(s)"), valid.getOutput());

        LaunchResult invalid = launcher.launch("validate", INVALID.toString());
        assertEquals(64, invalid.exitCode());
        for (String line : expectedErrors()) {
            assertTrue(invalid.getErrorOutput().contains("  " + line), "missing: " + line + "\n" + invalid.getErrorOutput());
        }
        LaunchResult missing = launcher.launch("validate", "no/such/plan.json");
        assertEquals(64, missing.exitCode());
        assertTrue(missing.getErrorOutput().contains("plan file no/such/plan.json: not found"), missing.getErrorOutput());
    }

    @Test
    void runWithAnInvalidPlanStartsNothingAndExits64(QuarkusMainLauncher launcher) throws IOException {
        long before = runFolders();
        Path out = Files.createTempDirectory("meetload-cli-out");
        LaunchResult result = launcher.launch("run", INVALID.toString(), "--out", out.toString());
        assertEquals(64, result.exitCode());
        assertTrue(result.getErrorOutput().contains(expectedErrors().get(0)), result.getErrorOutput());
        assertEquals(before, runFolders());
        assertFalse(Files.exists(out.resolve("verdict.json")));
    }

    @Test
    void runWritesTheVerdictAndExitsWithItsStatus(QuarkusMainLauncher launcher) throws IOException {
        Path out = Files.createTempDirectory("meetload-cli-out").resolve("demo");
        LaunchResult result = launcher.launch("run", DEMO.toString(), "--out", out.toString());

        // The stand-in worker reports no participant samples: missing data is never a pass.
        assertEquals(2, result.exitCode(), result.getOutput() + result.getErrorOutput());
        String status = Json.MAPPER.readTree(out.resolve("verdict.json").toFile()).path("status").asText();
        assertEquals("INCONCLUSIVE", status);
        assertTrue(Files.readString(out.resolve("report.html")).contains("INCONCLUSIVE"));
        assertTrue(result.getOutput().contains(": INCONCLUSIVE"), result.getOutput());
        assertTrue(result.getOutput().contains("REPORT_MISSING: "), result.getOutput());
        assertTrue(result.getOutput().contains("report: " + out.resolve("report.html").toAbsolutePath()), result.getOutput());
    }
}
