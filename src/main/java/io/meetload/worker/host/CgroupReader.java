package io.meetload.worker.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a process's own cgroup: CPU used and CPU quota, memory used and limit, OOM kills, from
 * cgroup v1 or v2, below a filesystem root ("/" in production, a recorded tree in tests).
 *
 * <ul>
 * <li>v1: {@code cpuacct.usage} (ns); {@code cpu.cfs_quota_us} / {@code cpu.cfs_period_us} (quota -1 =
 * none); {@code memory.usage_in_bytes} minus {@code total_inactive_file} of {@code memory.stat};
 * {@code memory.limit_in_bytes}; {@code oom_kill} of {@code memory.oom_control} (absent before
 * Linux 4.13: 0).</li>
 * <li>v2: {@code usage_usec} of {@code cpu.stat}; {@code cpu.max} ("max 100000" = none);
 * {@code memory.current} minus {@code inactive_file} of {@code memory.stat}; {@code memory.max};
 * {@code oom_kill} of {@code memory.events}.</li>
 * </ul>
 * Limits are the tightest of the group and every parent visible below the mount, since a parent's
 * quota binds its children too. A memory limit of 2^62 bytes or more, or above the host's
 * {@code MemTotal}, is how v1 writes "none".
 *
 * <p>Which groups the process is in is re-read on every {@link #read()}, so a process moved into
 * another cgroup after start is followed.
 */
public final class CgroupReader {

    private static final long V1_UNLIMITED_BYTES = 1L << 62;

    private final Path fsRoot;
    private final Supplier<String> procCgroup;
    private final Supplier<String> mountInfo;

    /** Fixed texts of /proc/PID/cgroup and /proc/PID/mountinfo; cgroup files below {@code fsRoot}. */
    public CgroupReader(Path fsRoot, String procCgroup, String mountInfo) {
        this(fsRoot, () -> procCgroup, () -> mountInfo);
    }

    private CgroupReader(Path fsRoot, Supplier<String> procCgroup, Supplier<String> mountInfo) {
        this.fsRoot = fsRoot;
        this.procCgroup = procCgroup;
        this.mountInfo = mountInfo;
    }

    /** The process {@code pid} ("self" for this one) below {@code fsRoot}, re-reading its membership each time. */
    public static CgroupReader forProcess(Path fsRoot, String pid) {
        Path proc = fsRoot.resolve("proc").resolve(pid);
        return new CgroupReader(fsRoot, () -> readOr(proc.resolve("cgroup"), ""),
                () -> readOr(proc.resolve("mountinfo"), ""));
    }

    /** This process, on this machine. */
    public static CgroupReader live() {
        return forProcess(Path.of("/"), "self");
    }

    public CgroupReading read() {
        CgroupLayout layout = CgroupLayout.resolve(fsRoot, procCgroup.get(), mountInfo.get());
        long hostMemoryBytes = read(fsRoot.resolve("proc/meminfo"))
                .flatMap(text -> boxed(KeyedText.value(text, "MemTotal"))).map(kb -> kb * 1024).orElse(0L);
        return switch (layout.version()) {
            case V1 -> readV1(layout, hostMemoryBytes);
            case V2 -> readV2(layout, hostMemoryBytes);
            case NONE -> CgroupReading.none();
        };
    }

    private CgroupReading readV1(CgroupLayout layout, long hostMemoryBytes) {
        CgroupLayout.Group acct = layout.cpuacct();
        boolean cpuHostRoot = acct != null && isV1HierarchyRoot(acct);
        Long usageNanos = acct == null || cpuHostRoot ? null
                : read(acct.dir().resolve("cpuacct.usage")).map(t -> KeyedText.parseLong(t, "cpuacct.usage")).orElse(null);
        Double limitCores = layout.cpu() == null ? null : tightest(layout.cpu(), CgroupReader::v1QuotaCoresAt);
        CgroupLayout.Group mem = layout.memory();
        if (mem == null) {
            return new CgroupReading(CgroupVersion.V1, path(acct), cpuHostRoot, usageNanos, limitCores,
                    null, false, null, null, 0);
        }
        boolean memHostRoot = isV1HierarchyRoot(mem);
        Long memoryBytes = memHostRoot ? null
                : withoutInactiveFile(mem, "memory.usage_in_bytes", "total_inactive_file");
        Long limitBytes = tightest(mem, dir -> read(dir.resolve("memory.limit_in_bytes"))
                .map(text -> memoryLimit(text, hostMemoryBytes)).orElse(null));
        long oomKills = read(mem.dir().resolve("memory.oom_control"))
                .map(text -> KeyedText.value(text, "oom_kill").orElse(0)).orElse(0L);
        return new CgroupReading(CgroupVersion.V1, path(acct), cpuHostRoot, usageNanos, limitCores,
                mem.path(), memHostRoot, memoryBytes, limitBytes, oomKills);
    }

    private CgroupReading readV2(CgroupLayout layout, long hostMemoryBytes) {
        CgroupLayout.Group group = layout.cpu();
        boolean hostRoot = isV2HierarchyRoot(group);
        Long usageNanos = hostRoot ? null : read(group.dir().resolve("cpu.stat"))
                .flatMap(text -> boxed(KeyedText.value(text, "usage_usec"))).map(usec -> usec * 1000).orElse(null);
        Double limitCores = tightest(group, dir -> read(dir.resolve("cpu.max")).map(CgroupReader::cpuMaxCores).orElse(null));
        Long memoryBytes = hostRoot ? null : withoutInactiveFile(group, "memory.current", "inactive_file");
        Long limitBytes = tightest(group, dir -> read(dir.resolve("memory.max"))
                .map(text -> memoryLimit(text, hostMemoryBytes)).orElse(null));
        long oomKills = read(group.dir().resolve("memory.events"))
                .map(text -> KeyedText.value(text, "oom_kill").orElse(0)).orElse(0L);
        return new CgroupReading(CgroupVersion.V2, group.path(), hostRoot, usageNanos, limitCores,
                group.path(), hostRoot, memoryBytes, limitBytes, oomKills);
    }

    private static Double v1QuotaCoresAt(Path dir) {
        return read(dir.resolve("cpu.cfs_quota_us"))
                .map(quota -> cfsQuotaCores(quota, read(dir.resolve("cpu.cfs_period_us")).orElse("100000")))
                .orElse(null);
    }

    /** The page cache the kernel can drop at will is not memory pressure; v1 and v2 both leave it in. */
    private Long withoutInactiveFile(CgroupLayout.Group group, String usageFile, String inactiveKey) {
        Optional<Long> usage = read(group.dir().resolve(usageFile)).map(t -> KeyedText.parseLong(t, usageFile));
        if (usage.isEmpty()) {
            return null;
        }
        long inactive = read(group.dir().resolve("memory.stat")).map(stat -> {
            OptionalLong hierarchical = KeyedText.value(stat, inactiveKey);
            return hierarchical.isPresent() ? hierarchical.getAsLong() : KeyedText.value(stat, "inactive_file").orElse(0);
        }).orElse(0L);
        return Math.max(0, usage.get() - inactive);
    }

    /** Only a v1 hierarchy's root has {@code cgroup.sane_behavior}; a container's group seen at "/" has not. */
    private static boolean isV1HierarchyRoot(CgroupLayout.Group group) {
        return Files.exists(group.dir().resolve("cgroup.sane_behavior"));
    }

    /** Every v2 group but the root has {@code cgroup.type} and {@code cgroup.events}, a namespace's root included. */
    private static boolean isV2HierarchyRoot(CgroupLayout.Group group) {
        return !Files.exists(group.dir().resolve("cgroup.type")) && !Files.exists(group.dir().resolve("cgroup.events"));
    }

    private static <T extends Comparable<T>> T tightest(CgroupLayout.Group group, Function<Path, T> limitAt) {
        T tightest = null;
        for (Path dir = group.dir(); dir != null && dir.startsWith(group.mountDir()); dir = dir.getParent()) {
            T limit = limitAt.apply(dir);
            if (limit != null && (tightest == null || limit.compareTo(tightest) < 0)) {
                tightest = limit;
            }
        }
        return tightest;
    }

    /** v1: quota and period in microseconds; a quota of -1 means none. */
    static Double cfsQuotaCores(String quotaText, String periodText) {
        long quota = KeyedText.parseLong(quotaText, "cpu.cfs_quota_us");
        long period = KeyedText.parseLong(periodText, "cpu.cfs_period_us");
        if (quota <= 0) {
            return null;
        }
        if (period <= 0) {
            throw new IllegalArgumentException("cpu.cfs_period_us: must be positive, was " + period);
        }
        return (double) quota / period;
    }

    /** v2: "QUOTA PERIOD" in microseconds, QUOTA "max" meaning none. */
    static Double cpuMaxCores(String text) {
        String[] fields = text.strip().split("\\s+");
        if (fields[0].equals("max")) {
            return null;
        }
        long period = fields.length > 1 ? KeyedText.parseLong(fields[1], "cpu.max period") : 100_000;
        if (period <= 0) {
            throw new IllegalArgumentException("cpu.max period: must be positive, was " + period);
        }
        return (double) KeyedText.parseLong(fields[0], "cpu.max quota") / period;
    }

    /** "max" (v2), a near-2^63 value (v1), or more than the host has: no limit. */
    static Long memoryLimit(String text, long hostMemoryBytes) {
        String value = text.strip();
        if (value.equals("max")) {
            return null;
        }
        long bytes = KeyedText.parseLong(value, "memory limit");
        boolean aboveHost = hostMemoryBytes > 0 && bytes > hostMemoryBytes;
        return bytes >= V1_UNLIMITED_BYTES || aboveHost ? null : bytes;
    }

    private static String path(CgroupLayout.Group group) {
        return group == null ? null : group.path();
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }

    /** A file that is missing or unreadable says nothing; cgroup files come and go with groups. */
    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static String readOr(Path file, String otherwise) {
        return read(file).orElse(otherwise);
    }
}
