package io.meetload.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged application (target/quarkus-app/quarkus-run.jar) started as a real process. */
public final class MeetloadJar {

    private MeetloadJar() {
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("meetload.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `./mvnw package`");
        }
        return jar;
    }

    /** Starts {@code java -jar quarkus-run.jar ARGS} with this environment added, output to {@code log}. */
    public static Process start(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SE_OFFLINE", "true");
        builder.environment().putAll(env);
        return builder.start();
    }
}
