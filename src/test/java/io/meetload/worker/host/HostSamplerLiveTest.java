package io.meetload.worker.host;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meetload.instance.HostSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** On this machine, with real processes and, where this process may write them, real cgroups. */
class HostSamplerLiveTest {

    private static final Path CPU_HIERARCHY = Path.of("/sys/fs/cgroup/cpu");
    private static final Path CPUACCT_HIERARCHY = Path.of("/sys/fs/cgroup/cpuacct");

    /**
     * The child's cores are checked against its own ticks over the same two sample instants, not
     * against a fixed figure: on a shared machine under load a busy loop may get a tenth of a core.
     */
    @Test
    void aBusyChildReadsAsABrowserTreeWithTheCpuItReallyUsed() throws Exception {
        Process busy = busyLoop();
        try {
            HostSampler sampler = HostSampler.live(Clock.systemUTC());
            HostSample first = sampler.sample(List.of(busy.pid()));
            long ticksAtFirst = ticks(busy.pid());
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks(busy.pid()) >= ticksAtFirst + 50);

            HostSample second = sampler.sample(List.of(busy.pid()));
            long ticksAtSecond = ticks(busy.pid());

            double seconds = Duration.between(first.at(), second.at()).toNanos() / 1e9;
            double expectedCores = (ticksAtSecond - ticksAtFirst) / (double) ProcReader.live().clockTicksPerSecond() / seconds;
            assertEquals(expectedCores, second.browserCpuCores(), 0.1 * expectedCores + 0.02,
                    "50+ ticks in " + seconds + " s");
            assertTrue(second.browserCpuCores() > 0.05, "browser cores " + second.browserCpuCores());
            assertTrue(second.browserMemoryBytes() > 0, "browser memory " + second.browserMemoryBytes());
            assertEquals(1, second.browserProcesses(), "a shell loop has no children");
            assertTrue(second.cpuCores() >= 0.9 * second.browserCpuCores(),
                    "the worker's own CPU holds its child's: " + second.cpuCores() + " < " + second.browserCpuCores());
            assertTrue(second.memoryBytes() > 0);
        } finally {
            stop(busy);
        }
    }

    @Test
    void aHybridHostWithAnEmptyUnifiedHierarchyIsReadAsV1() {
        assumeTrue(Files.exists(CPUACCT_HIERARCHY.resolve("cpuacct.usage")), "needs a cgroup v1 host");

        assertEquals(CgroupVersion.V1, CgroupReader.live().read().version());
    }

    @ParameterizedTest(name = "own cpuacct group: {0}")
    @ValueSource(booleans = {false, true})
    void aBusyProcessInAGroupWithA20PercentQuotaIsSaturatedAgainstIt(boolean ownCpuacctGroup) throws Exception {
        assumeTrue(Files.isWritable(CPU_HIERARCHY) && Files.exists(CPU_HIERARCHY.resolve("cpu.cfs_quota_us"))
                && (!ownCpuacctGroup || Files.isWritable(CPUACCT_HIERARCHY)), "needs a writable cgroup v1 cpu hierarchy");
        String name = "meetload-test-" + UUID.randomUUID().toString().substring(0, 8);
        Path cpuGroup = CPU_HIERARCHY.resolve(name);
        Path acctGroup = CPUACCT_HIERARCHY.resolve(name);
        Process busy = null;
        try {
            Files.createDirectory(cpuGroup);
            Files.writeString(cpuGroup.resolve("cpu.cfs_quota_us"), "20000");
            busy = busyLoop();
            String pid = Long.toString(busy.pid());
            Files.writeString(cpuGroup.resolve("cgroup.procs"), pid);
            if (ownCpuacctGroup) {
                Files.createDirectory(acctGroup);
                Files.writeString(acctGroup.resolve("cgroup.procs"), pid);
            }
            // the busy shell stands in for a worker started in the group
            HostSampler sampler = new HostSampler(CgroupReader.forProcess(Path.of("/"), pid), ProcReader.live(),
                    busy.pid(), Runtime.getRuntime().availableProcessors(), Clock.systemUTC());
            List<HostSample> samples = new ArrayList<>();

            HostSample saturated = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> keep(samples, sampler.sample(List.of())), s -> s.cpuRatio() > 0.6);

            assertEquals(0.2, saturated.cpuLimitCores(), 1e-12);
            for (HostSample sample : samples) {
                assertTrue(sample.cpuCores() < 0.3, "the quota holds it near 0.2 cores, was " + sample.cpuCores());
            }
        } finally {
            stop(busy);
            removeWhenEmpty(cpuGroup);
            removeWhenEmpty(acctGroup);
        }
    }

    private static Process busyLoop() throws IOException {
        return new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    }

    private static long ticks(long pid) throws IOException {
        return ProcStat.parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))).cpuTicks();
    }

    private static HostSample keep(List<HostSample> samples, HostSample sample) {
        samples.add(sample);
        return sample;
    }

    private static void stop(Process process) throws Exception {
        if (process != null) {
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** A cgroup can be removed once the kernel has let go of its last task, which may take a moment. */
    private static void removeWhenEmpty(Path group) {
        if (Files.exists(group)) {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                Files.deleteIfExists(group);
                return !Files.exists(group);
            });
        }
    }
}
