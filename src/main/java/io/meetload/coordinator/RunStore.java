package io.meetload.coordinator;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The run store: one folder per run under {@code meetload.data-dir}.
 * <pre>
 * RUN/plan.json                     the plan, the exact bytes posted
 * RUN/run.json                      {@link RunState}
 * RUN/worker-token                  the workers' bearer token (0600)
 * RUN/instances/I/report.json       the accepted report of instance I
 * RUN/instances/I/process.json      the local launcher's record of its child process
 * RUN/verdict.json, RUN/report.html the outcome
 * RUN/logs/instance-I.log           the instance's output (local launcher)
 * </pre>
 * A folder without run.json is a run being created (or abandoned mid-creation) and is not listed.
 */
@ApplicationScoped
public class RunStore {

    /** r-YYYYMMDD-HHMM-xxxx: sorts by creation time, and keeps path tricks out of the API. */
    public static final Pattern RUN_ID = Pattern.compile("r-\\d{8}-\\d{4}-[0-9a-f]{4}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);
    private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();

    private final Path root;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RunStore(StoreConfig config, Clock clock) {
        this.root = config.dataDir().toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /** Creates the data folder when missing; the store is usable when this succeeded. */
    public void init() throws IOException {
        Files.createDirectories(root);
    }

    /** The data folder exists and a file can be created in it. */
    public boolean usable() {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try {
            Path probe = Files.createTempFile(root, ".probe", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Reserves a new run folder with a fresh id; a clash (same minute, same random part) draws again. */
    public String allocate() throws IOException {
        init();
        for (int attempt = 0; attempt < 100; attempt++) {
            String id = "r-" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().toHexDigits((short) random.nextInt(1 << 16));
            try {
                Files.createDirectory(root.resolve(id));
                Files.createDirectories(root.resolve(id).resolve("instances"));
                Files.createDirectories(root.resolve(id).resolve("logs"));
                AtomicFiles.forceDirectory(root);
                return id;
            } catch (FileAlreadyExistsException e) {
                // drawn before: draw again
            }
        }
        throw new IOException("no free run id in " + root + " after 100 draws");
    }

    /** Removes a folder whose creation failed half way. */
    public void discard(String id) {
        try (var walk = Files.walk(dir(id))) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a folder without run.json is never listed nor picked up again.
        }
    }

    public boolean exists(String id) {
        return RUN_ID.matcher(id).matches() && Files.isRegularFile(dir(id).resolve("run.json"));
    }

    public Path dir(String id) {
        if (!RUN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("run id: must look like r-YYYYMMDD-HHMM-xxxx, was " + id);
        }
        return root.resolve(id);
    }

    public Path planFile(String id) {
        return dir(id).resolve("plan.json");
    }

    public Path instanceDir(String id, int index) {
        return dir(id).resolve("instances").resolve(Integer.toString(index));
    }

    public Path logFile(String id, int index) {
        return dir(id).resolve("logs").resolve("instance-" + index + ".log");
    }

    public Path verdictFile(String id) {
        return dir(id).resolve("verdict.json");
    }

    public Path htmlFile(String id) {
        return dir(id).resolve("report.html");
    }

    public void writePlan(String id, byte[] plan) throws IOException {
        AtomicFiles.write(planFile(id), plan);
    }

    public byte[] readPlan(String id) throws IOException {
        return Files.readAllBytes(planFile(id));
    }

    public void writeToken(String id, String token) throws IOException {
        AtomicFiles.writePrivate(dir(id).resolve("worker-token"), token.getBytes(StandardCharsets.UTF_8));
    }

    public String readToken(String id) throws IOException {
        return Files.readString(dir(id).resolve("worker-token"), StandardCharsets.UTF_8).trim();
    }

    public void save(RunState state) {
        try {
            AtomicFiles.write(dir(state.id()).resolve("run.json"), WRITER.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run.json of " + state.id() + ": " + e.getMessage(), e);
        }
    }

    public RunState load(String id) throws IOException {
        return Json.MAPPER.readValue(dir(id).resolve("run.json").toFile(), RunState.class);
    }

    /** Every run on disk, newest first; a run.json that cannot be read is skipped. */
    public List<RunState> list() {
        List<RunState> runs = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "r-*")) {
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                if (exists(id)) {
                    try {
                        runs.add(load(id));
                    } catch (IOException e) {
                        // half-written by hand or another version: not a run we can show
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        // By creation time: the id's random part would put runs of the same minute in random order.
        runs.sort(Comparator.comparing(RunState::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RunState::id).reversed());
        return runs;
    }

    public Optional<byte[]> reportBytes(String id, int index) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(instanceDir(id, index).resolve("report.json")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public Optional<InstanceReport> report(String id, int index) throws IOException {
        Optional<byte[]> bytes = reportBytes(id, index);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(Json.MAPPER.readValue(bytes.get(), InstanceReport.class));
    }

    /** The instances (0..instances-1) whose report was accepted. */
    public Set<Integer> reported(String id, int instances) {
        Set<Integer> reported = new TreeSet<>();
        for (int i = 0; i < instances; i++) {
            if (Files.isRegularFile(instanceDir(id, i).resolve("report.json"))) {
                reported.add(i);
            }
        }
        return reported;
    }

    /** The accepted report of an instance; its presence is what "accepted" means. */
    public void writeReport(String id, int index, byte[] report) throws IOException {
        Files.createDirectories(instanceDir(id, index));
        AtomicFiles.write(instanceDir(id, index).resolve("report.json"), report);
    }

    /** Writes the verdict JSON: from here on the API serves it, even while the page is being made. */
    public void writeVerdict(String id, byte[] verdict) throws IOException {
        AtomicFiles.write(verdictFile(id), verdict);
    }

    public void writeReportPage(String id, String html) throws IOException {
        AtomicFiles.write(htmlFile(id), html.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<byte[]> verdictBytes(String id) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(verdictFile(id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public Optional<String> html(String id) throws IOException {
        try {
            return Optional.of(Files.readString(htmlFile(id), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
