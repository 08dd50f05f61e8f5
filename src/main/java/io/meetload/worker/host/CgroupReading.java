package io.meetload.worker.host;

/**
 * What the process's own cgroups say at one moment. Counters are cumulative; the sampler turns
 * two readings into a rate.
 *
 * @param cpuGroup path of the group whose counter gave {@code cpuUsageNanos} ("/" at its mount)
 * @param cpuGroupIsHostRoot the CPU counter's group is the root of the whole host's hierarchy, so
 *        it would count every process on the machine; {@code cpuUsageNanos} is then null
 * @param cpuUsageNanos CPU time the group has used, in nanoseconds; null when unknown or host-wide
 * @param cpuLimitCores the tightest CPU quota of the group and its parents, in cores; null when none
 * @param memoryGroupIsHostRoot the memory group is the host's root; {@code memoryBytes} is then null
 * @param memoryBytes memory in use without the inactive page cache; null when unknown or host-wide
 * @param memoryLimitBytes the tightest memory limit of the group and its parents; null when none
 * @param oomKills processes the kernel's OOM killer killed in the group (0 when the kernel does not say)
 */
public record CgroupReading(CgroupVersion version, String cpuGroup, boolean cpuGroupIsHostRoot,
                            Long cpuUsageNanos, Double cpuLimitCores, String memoryGroup,
                            boolean memoryGroupIsHostRoot, Long memoryBytes, Long memoryLimitBytes,
                            long oomKills) {

    static CgroupReading none() {
        return new CgroupReading(CgroupVersion.NONE, null, false, null, null, null, false, null, null, 0);
    }
}
