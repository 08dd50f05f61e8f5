package io.meetload.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Plan files on disk, and the digest that ties an instance's report to the exact plan it ran. */
public final class PlanFiles {

    private PlanFiles() {
    }

    /**
     * The plan's bytes. Throws {@link UncheckedIOException} whose message names the path and
     * what is wrong with it (not found, not a file, no permission).
     */
    public static byte[] read(Path path) {
        // Checked first: reading a directory fails with a vague message, reading a FIFO may block.
        if (Files.isDirectory(path)) {
            throw unreadable(path, "is a directory, not a file", null);
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw unreadable(path, "is not a regular file", null);
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw unreadable(path, "not found", e);
        } catch (AccessDeniedException e) {
            throw unreadable(path, "no permission to read it", e);
        } catch (IOException e) {
            throw unreadable(path, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static UncheckedIOException unreadable(Path path, String why, IOException cause) {
        String message = "plan file " + path + ": " + why;
        return new UncheckedIOException(message, cause != null ? cause : new IOException(message));
    }

    /** Lowercase hex SHA-256 of the plan's bytes as given (not of a re-serialized plan). */
    public static String digest(byte[] plan) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plan));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
