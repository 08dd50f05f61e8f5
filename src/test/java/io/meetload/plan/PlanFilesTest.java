package io.meetload.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsThePlansBytesAsTheyAre() throws IOException {
        byte[] bytes = "{\"schema\": 1}\r\n".getBytes(StandardCharsets.UTF_8);
        Path plan = Files.write(dir.resolve("plan.json"), bytes);

        assertArrayEquals(bytes, PlanFiles.read(plan));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PlanFiles.read(missing));
        assertEquals("plan file " + missing + ": not found", e.getMessage());
    }

    @Test
    void aDirectoryIsNotAPlan() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PlanFiles.read(dir));
        assertEquals("plan file " + dir + ": is a directory, not a file", e.getMessage());
    }

    @Test
    void anUnreadableFileSaysSo() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.json"), "{}");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("-w-------"));
        // root reads any file whatever its mode; the kernel still refuses it pid 1's memory map
        Path plan = Files.isReadable(secret) ? Path.of("/proc/1/smaps_rollup") : secret;

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PlanFiles.read(plan));
        assertEquals("plan file " + plan + ": no permission to read it", e.getMessage());
    }

    @Test
    void theDigestIsLowercaseHexSha256OfTheBytes() {
        // FIPS 180-2 test vectors.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                PlanFiles.digest("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PlanFiles.digest(new byte[0]));
    }

    @Test
    void aPlanWithOtherWhitespaceHasAnotherDigest() {
        assertNotEquals(PlanFiles.digest("{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                PlanFiles.digest("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
    }
}
