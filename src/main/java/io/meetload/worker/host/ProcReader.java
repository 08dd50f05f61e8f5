package io.meetload.worker.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads process trees from a /proc (the real one, or a recorded tree in tests): who descends from
 * whom, their CPU ticks, and their memory as PSS from {@code smaps_rollup} (shared pages split among
 * the processes that share them, so a tree's sum is not inflated by Chromium's shared libraries),
 * or as RSS from {@code statm} where {@code smaps_rollup} cannot be read (other users' processes,
 * kernels before 4.14). A process that ends while being read is left out, never an error.
 */
public final class ProcReader {

    private static final int AT_PAGESZ = 6;
    private static final int AT_CLKTCK = 17;

    private final Path procRoot;
    private final long clockTicksPerSecond;
    private final long pageSizeBytes;

    public ProcReader(Path procRoot, long clockTicksPerSecond, long pageSizeBytes) {
        if (clockTicksPerSecond <= 0 || pageSizeBytes <= 0) {
            throw new IllegalArgumentException("clockTicksPerSecond and pageSizeBytes: must be positive, were "
                    + clockTicksPerSecond + " and " + pageSizeBytes);
        }
        this.procRoot = procRoot;
        this.clockTicksPerSecond = clockTicksPerSecond;
        this.pageSizeBytes = pageSizeBytes;
    }

    /** This machine's /proc, with CLK_TCK and the page size the kernel gave this process (100 and 4096 if unreadable). */
    public static ProcReader live() {
        Path proc = Path.of("/proc");
        Map<Long, Long> aux = readBytes(proc.resolve("self/auxv")).map(ProcReader::auxVector).orElse(Map.of());
        return new ProcReader(proc, aux.getOrDefault((long) AT_CLKTCK, 100L), aux.getOrDefault((long) AT_PAGESZ, 4096L));
    }

    public long clockTicksPerSecond() {
        return clockTicksPerSecond;
    }

    /** Every process whose stat could be read, in pid order. */
    public List<ProcStat> processes() {
        List<ProcStat> all = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                read(dir.resolve("stat")).map(ProcStat::parse).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list processes in " + procRoot, e);
        } catch (DirectoryIteratorException e) {
            throw new UncheckedIOException("cannot list processes in " + procRoot, e.getCause());
        }
        all.sort(Comparator.comparingLong(ProcStat::pid));
        return all;
    }

    /** The roots that exist and all their descendants, each once, parents before children. */
    public static List<ProcStat> descendants(Collection<ProcStat> all, Collection<Long> rootPids) {
        Map<Long, ProcStat> byPid = new HashMap<>();
        Map<Long, List<ProcStat>> children = new HashMap<>();
        for (ProcStat process : all) {
            byPid.put(process.pid(), process);
            children.computeIfAbsent(process.ppid(), k -> new ArrayList<>()).add(process);
        }
        Set<Long> seen = new LinkedHashSet<>();
        List<ProcStat> tree = new ArrayList<>();
        ArrayDeque<ProcStat> queue = new ArrayDeque<>();
        rootPids.stream().map(byPid::get).filter(p -> p != null).forEach(queue::add);
        while (!queue.isEmpty()) {
            ProcStat process = queue.poll();
            if (seen.add(process.pid())) {
                tree.add(process);
                queue.addAll(children.getOrDefault(process.pid(), List.of()));
            }
        }
        return tree;
    }

    /** The tree's memory; processes gone before their memory could be read are dropped from it. */
    public ProcessTree measure(List<ProcStat> tree) {
        List<ProcStat> alive = new ArrayList<>();
        long bytes = 0;
        for (ProcStat process : tree) {
            OptionalLong memory = memoryBytes(process.pid());
            if (memory.isPresent()) {
                alive.add(process);
                bytes += memory.getAsLong();
            }
        }
        return new ProcessTree(alive, bytes);
    }

    /** PSS when {@code smaps_rollup} is readable, else RSS from {@code statm}; empty when the process is gone. */
    public OptionalLong memoryBytes(long pid) {
        Path dir = procRoot.resolve(Long.toString(pid));
        OptionalLong pssKb = read(dir.resolve("smaps_rollup"))
                .map(text -> KeyedText.value(text, "Pss")).orElse(OptionalLong.empty());
        if (pssKb.isPresent()) {
            return OptionalLong.of(pssKb.getAsLong() * 1024);
        }
        Optional<String> statm = read(dir.resolve("statm"));
        if (statm.isEmpty()) {
            return OptionalLong.empty();
        }
        String[] pages = statm.get().strip().split(" ");
        return OptionalLong.of(KeyedText.parseLong(pages[1], "/proc/" + pid + "/statm resident") * pageSizeBytes);
    }

    /** /proc/PID/auxv: pairs of native longs (type, value), ending with type 0. */
    static Map<Long, Long> auxVector(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        Map<Long, Long> entries = new HashMap<>();
        while (buffer.remaining() >= 16) {
            long type = buffer.getLong();
            long value = buffer.getLong();
            if (type == 0) {
                break;
            }
            entries.put(type, value);
        }
        return entries;
    }

    private static Optional<byte[]> readBytes(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // gone, or not ours to read: both mean "nothing to say"
        }
    }

    private static Optional<String> read(Path file) {
        return readBytes(file).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
