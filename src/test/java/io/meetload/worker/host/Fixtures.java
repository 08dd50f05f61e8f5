package io.meetload.worker.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies recorded trees out of the test resources so a test can change their counters. */
final class Fixtures {

    private Fixtures() {
    }

    /** Copies each resource folder into {@code target}, later ones over earlier ones. */
    static Path root(Path target, String... resourceDirs) {
        for (String dir : resourceDirs) {
            copy(resource(dir), target);
        }
        return target;
    }

    /** {@link #root} plus the recorded process tree under {@code target/proc}. */
    static Path rootWithProcesses(Path target, String... resourceDirs) {
        root(target, resourceDirs);
        copy(resource("proc-tree"), target.resolve("proc"));
        return target;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites utime and stime (fields 14 and 15) of a recorded {@code /proc/PID/stat}, keeping the rest. */
    static void setTicks(Path procRoot, long pid, long utime, long stime) {
        Path stat = procRoot.resolve(Long.toString(pid)).resolve("stat");
        String line = read(stat).strip();
        int close = line.lastIndexOf(')');
        String[] rest = line.substring(close + 2).split(" ");
        rest[11] = Long.toString(utime);
        rest[12] = Long.toString(stime);
        write(stat, line.substring(0, close + 2) + String.join(" ", rest) + "\n");
    }

    private static Path resource(String dir) {
        try {
            return Path.of(Fixtures.class.getClassLoader().getResource(dir).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path destination = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
