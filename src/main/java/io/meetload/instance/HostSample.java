package io.meetload.instance;

import java.time.Instant;

/**
 * One sample of the instance's own container, and of its browsers.
 *
 * @param cpuCores cores used over the interval (CPU seconds per second)
 * @param cpuLimitCores the container's CPU limit in cores; null when unlimited (then the host's cores count)
 * @param cpuRatio cpuCores against the limit (or the host's cores), 0..1 (may pass 1 briefly)
 * @param memoryBytes container memory in use (without page cache where the cgroup tells)
 * @param memoryLimitBytes the container's memory limit; null when unlimited
 * @param oomKills OOM kills in the container since it started
 * @param browserCpuCores cores used by the browsers' process trees (chromedriver and its children)
 * @param browserMemoryBytes resident memory of those processes (PSS where readable, else RSS)
 * @param browserProcesses how many processes those trees have
 */
public record HostSample(Instant at, double cpuCores, Double cpuLimitCores, double cpuRatio,
                         long memoryBytes, Long memoryLimitBytes, long oomKills,
                         double browserCpuCores, long browserMemoryBytes, int browserProcesses) {
}
