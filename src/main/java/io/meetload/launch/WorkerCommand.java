package io.meetload.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a worker child: this same binary in the worker role, or a whole command
 * given in {@code meetload.local.command}.
 */
public final class WorkerCommand {

    private static final Path DEFAULT_JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Optional<List<String>> override;
    private final Optional<Path> jar;
    private final List<String> jvmOptions;

    private WorkerCommand(Optional<List<String>> override, Optional<Path> jar, List<String> jvmOptions) {
        this.override = override;
        this.jar = jar;
        this.jvmOptions = jvmOptions;
    }

    public static WorkerCommand from(LocalConfig config) {
        return new WorkerCommand(config.command(), config.jar(), config.jvmOptions());
    }

    /** A fixed command (tests, wrappers). */
    public static WorkerCommand of(List<String> words) {
        return new WorkerCommand(Optional.of(List.copyOf(words)), Optional.empty(), List.of());
    }

    /** The words to start one worker; throws IllegalStateException naming the setting to fix. */
    public List<String> words() {
        if (override.isPresent()) {
            return override.get();
        }
        String self = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (System.getProperty("org.graalvm.nativeimage.imagecode") != null) {
            return List.of(self, "worker");
        }
        Path theJar = jar.orElseGet(WorkerCommand::runningJar).toAbsolutePath();
        if (!Files.isRegularFile(theJar)) {
            throw new IllegalStateException("meetload.local.jar: must name the application jar, "
                    + "no such file: " + theJar);
        }
        List<String> words = new ArrayList<>();
        words.add(self);
        words.addAll(jvmOptions);
        words.add("-jar");
        words.add(theJar.toString());
        words.add("worker");
        return List.copyOf(words);
    }

    /** The quarkus-run.jar this JVM was started from, else the build's default location. */
    private static Path runningJar() {
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (entry.endsWith("quarkus-run.jar")) {
                return Path.of(entry);
            }
        }
        return DEFAULT_JAR;
    }
}
