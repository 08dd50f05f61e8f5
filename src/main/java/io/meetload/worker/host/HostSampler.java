package io.meetload.worker.host;

import io.meetload.instance.HostSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Samples how busy the worker's own container is, and its browsers. Stateful: each
 * {@link #sample} covers the time since the previous one (the first, the time since construction).
 *
 * <h2>CPU</h2>
 * In a container, the cores are the growth of the container group's counter ({@code cpuacct.usage}
 * on cgroup v1, {@code usage_usec} of {@code cpu.stat} on v2) divided by the wall time between two
 * samples. The limit is the tightest CFS quota of the cpu group and its parents
 * ({@code cpu.cfs_quota_us / cpu.cfs_period_us}, or {@code cpu.max}), and
 * {@code cpuRatio = cpuCores / limit}; without a quota the ratio is against the cores the JVM may
 * use ({@link Runtime#availableProcessors()}), and {@code cpuLimitCores} is null.
 *
 * <p><b>Not in a container.</b> When the group that counts this process's CPU is the ROOT group of
 * the host's hierarchy (a plain process on a v1 host sits in cpuacct "/"), its counter counts every
 * process on the machine, so it is not used: the cores are then those of the worker's own process
 * tree, this JVM's pid and all its descendants (browsers included), from the utime + stime of
 * {@code /proc/PID/stat}. The limit still comes from the cpu group the process is in: a worker put
 * into {@code /sys/fs/cgroup/cpu/meetload-starved} with a quota of 20000/100000 has a limit of 0.2
 * cores and its ratio is against 0.2, whether or not a cpuacct group of the same name holds it too
 * (if one does, its counter is used). The root is told by what only a root has ({@code
 * cgroup.sane_behavior} on v1; no {@code cgroup.type} on v2), not by the path "/", because inside a
 * cgroup namespace the container's own group also reads "/". The same rule holds for memory: in the
 * host's root memory group the memory is the own tree's. If the counting group changes between two
 * samples (the process was moved), that one interval also uses the process tree.
 *
 * <h2>Memory</h2>
 * Memory is the group's usage without the inactive page cache, the limit the tightest of the group
 * and its parents (null when none), OOM kills the group's count.
 *
 * <h2>Browsers</h2>
 * For the given root pids (chromedriver, or the browsers themselves): the CPU of all their
 * descendants over the interval, their memory (PSS, else RSS) and how many they are.
 */
public final class HostSampler {

    private final CgroupReader cgroups;
    private final ProcReader procs;
    private final long ownPid;
    private final int hostCores;
    private final Clock clock;
    private final CpuTicksTracker ownTicks = new CpuTicksTracker();
    private final CpuTicksTracker browserTicks = new CpuTicksTracker();
    private Instant previousAt;
    private CgroupReading previousCgroup;

    /**
     * Takes the first reading, which the first sample is measured against.
     *
     * @param ownPid the worker's pid, root of the tree measured when no container group counts its CPU
     * @param hostCores the cores the ratio is against when there is no quota
     */
    public HostSampler(CgroupReader cgroups, ProcReader procs, long ownPid, int hostCores, Clock clock) {
        if (hostCores < 1) {
            throw new IllegalArgumentException("hostCores: must be at least 1, was " + hostCores);
        }
        this.cgroups = cgroups;
        this.procs = procs;
        this.ownPid = ownPid;
        this.hostCores = hostCores;
        this.clock = clock;
        this.previousAt = clock.instant();
        this.previousCgroup = cgroups.read();
        ownTicks.advance(ProcReader.descendants(procs.processes(), List.of(ownPid)));
    }

    /** This JVM on this machine. */
    public static HostSampler live(Clock clock) {
        return new HostSampler(CgroupReader.live(), ProcReader.live(), ProcessHandle.current().pid(),
                Runtime.getRuntime().availableProcessors(), clock);
    }

    public synchronized HostSample sample(Collection<Long> browserRootPids) {
        Instant at = clock.instant();
        CgroupReading cgroup = cgroups.read();
        List<ProcStat> all = procs.processes();
        List<ProcStat> ownTree = ProcReader.descendants(all, List.of(ownPid));
        long ownTicksUsed = ownTicks.advance(ownTree);
        ProcessTree browsers = procs.measure(ProcReader.descendants(all, browserRootPids));
        long browserTicksUsed = browserTicks.advance(browsers.processes());

        double seconds = Duration.between(previousAt, at).toNanos() / 1e9;
        double ticksPerSecond = procs.clockTicksPerSecond();
        double cpuCores = sameCounter(previousCgroup, cgroup)
                ? perSecond(Math.max(0, cgroup.cpuUsageNanos() - previousCgroup.cpuUsageNanos()) / 1e9, seconds)
                : perSecond(ownTicksUsed / ticksPerSecond, seconds);
        Double limitCores = cgroup.cpuLimitCores();
        double cpuRatio = cpuCores / (limitCores != null ? limitCores : hostCores);
        long memoryBytes = cgroup.memoryBytes() != null ? cgroup.memoryBytes() : procs.measure(ownTree).memoryBytes();

        previousAt = at;
        previousCgroup = cgroup;
        return new HostSample(at, cpuCores, limitCores, cpuRatio, memoryBytes, cgroup.memoryLimitBytes(),
                cgroup.oomKills(), perSecond(browserTicksUsed / ticksPerSecond, seconds),
                browsers.memoryBytes(), browsers.count());
    }

    private static boolean sameCounter(CgroupReading before, CgroupReading now) {
        return before.cpuUsageNanos() != null && now.cpuUsageNanos() != null
                && before.version() == now.version() && Objects.equals(before.cpuGroup(), now.cpuGroup());
    }

    private static double perSecond(double amount, double seconds) {
        return seconds > 0 ? amount / seconds : 0;
    }
}
