package io.meetload.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.meetload.instance.HostSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two samples over recorded trees whose counters the test moves on. The recorded process tree is
 * sh 11427 (standing in for the worker) with children sleep 11429 and "we) (ird x" 11430 (standing
 * in for a browser); all three start with 0 ticks.
 */
class HostSamplerTest {

    private static final long WORKER = 11427;
    private static final long BROWSER = 11430;
    private static final Instant START = Instant.parse("2025-06-01T10:00:00Z");

    @TempDir
    Path dir;

    private final SteppingClock clock = new SteppingClock(START);

    @Test
    void v2ContainerCoresAreTheCounterGrowthOverTheIntervalAgainstItsQuota() {
        Path root = Fixtures.rootWithProcesses(dir, "cgroup/v2-limited");
        HostSampler sampler = sampler(root, 2);

        Fixtures.write(root.resolve("sys/fs/cgroup/cpu.stat"), "usage_usec " + (734_215_876L + 1_000_000) + "\n");
        clock.advance(Duration.ofSeconds(4));
        HostSample sample = sampler.sample(List.of());

        assertEquals(START.plusSeconds(4), sample.at());
        assertEquals(0.25, sample.cpuCores(), 1e-9, "1 s of CPU in 4 s");
        assertEquals(0.5, sample.cpuLimitCores(), 1e-12);
        assertEquals(0.5, sample.cpuRatio(), 1e-9);
        assertEquals(241_352_704L, sample.memoryBytes());
        assertEquals(268_435_456L, sample.memoryLimitBytes());
        assertEquals(1, sample.oomKills());
        assertEquals(0, sample.browserProcesses());
        assertEquals(0.0, sample.browserCpuCores());
    }

    @Test
    void unlimitedV2ContainerRatioIsAgainstTheHostCores() {
        Path root = Fixtures.rootWithProcesses(dir, "cgroup/v2-unlimited");
        HostSampler sampler = sampler(root, 4);
        Path cpuStat = root.resolve("sys/fs/cgroup" + unlimitedGroup() + "/cpu.stat");

        Fixtures.write(cpuStat, "usage_usec " + (412_993_117L + 3_000_000) + "\nuser_usec 1\n");
        clock.advance(Duration.ofSeconds(2));
        HostSample sample = sampler.sample(List.of());

        assertEquals(1.5, sample.cpuCores(), 1e-9);
        assertNull(sample.cpuLimitCores());
        assertEquals(1.5 / 4, sample.cpuRatio(), 1e-9);
        assertEquals(1_542_680_576L, sample.memoryBytes());
        assertNull(sample.memoryLimitBytes());
        assertEquals(0, sample.oomKills());
    }

    @Test
    void v1ContainerCoresAndBrowserTree() {
        Path root = Fixtures.rootWithProcesses(dir, "cgroup/v1-container");
        Path proc = root.resolve("proc");
        HostSampler sampler = sampler(root, 2);

        Fixtures.write(root.resolve("sys/fs/cgroup/cpu,cpuacct/cpuacct.usage"), (184_233_519_772L + 250_000_000) + "\n");
        Fixtures.setTicks(proc, BROWSER, 15, 5);
        clock.advance(Duration.ofSeconds(1));
        HostSample sample = sampler.sample(List.of(BROWSER));

        assertEquals(0.25, sample.cpuCores(), 1e-9);
        assertEquals(0.5, sample.cpuRatio(), 1e-9);
        assertEquals(209_182_720L, sample.memoryBytes());
        assertEquals(268_435_456L, sample.memoryLimitBytes());
        assertEquals(0.2, sample.browserCpuCores(), 1e-9, "20 ticks at 100 per second, in 1 s");
        assertEquals(292 * 1024L, sample.browserMemoryBytes());
        assertEquals(1, sample.browserProcesses());

        Fixtures.setTicks(proc, BROWSER, 30, 10);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(0.1, sampler.sample(List.of(BROWSER)).browserCpuCores(), 1e-9, "20 more ticks in 2 s");
    }

    @Test
    void notInAContainerTheCpuIsTheWorkersOwnProcessTree() {
        Path root = Fixtures.rootWithProcesses(dir, "cgroup/v1-host");
        Path proc = root.resolve("proc");
        Fixtures.setTicks(proc, WORKER, 1_000, 0); // used before the first reading: not in any interval
        HostSampler sampler = sampler(root, 2);

        Fixtures.setTicks(proc, WORKER, 1_040, 10);
        Fixtures.setTicks(proc, 11429, 100, 0);
        Fixtures.setTicks(proc, BROWSER, 150, 50);
        Fixtures.setTicks(proc, 1, 9_000, 9_000); // pid 1 is outside the worker's tree
        clock.advance(Duration.ofSeconds(2));
        HostSample sample = sampler.sample(List.of(BROWSER));

        assertEquals(1.75, sample.cpuCores(), 1e-9, "350 ticks in 2 s");
        assertNull(sample.cpuLimitCores());
        assertEquals(1.75 / 2, sample.cpuRatio(), 1e-9);
        assertEquals(6_189_056L, sample.memoryBytes(), "the memory group is not the root: it is used");
        assertEquals(1.0, sample.browserCpuCores(), 1e-9);
        assertEquals(1, sample.browserProcesses());
    }

    @Test
    void inTheHostsRootMemoryGroupTheMemoryIsTheOwnTrees() {
        Path root = Fixtures.rootWithProcesses(dir, "cgroup/v1-host");
        Fixtures.write(root.resolve("proc/self/cgroup"), Fixtures.read(root.resolve("proc/self/cgroup"))
                .replaceAll("4:memory:.*\n", "4:memory:/\n"));
        HostSampler sampler = sampler(root, 2);

        clock.advance(Duration.ofSeconds(1));
        HostSample sample = sampler.sample(List.of());

        assertEquals((356 + 339 + 292) * 1024L, sample.memoryBytes());
        assertNull(sample.memoryLimitBytes());
    }

    @Test
    void starvedGroupWithoutItsOwnCpuacctRatioIsTheTreeAgainstTheQuota() {
        Path root = Fixtures.rootWithProcesses(dir, "cgroup/v1-host", "cgroup/v1-starved");
        Path proc = root.resolve("proc");
        HostSampler sampler = sampler(root, 2);

        Fixtures.setTicks(proc, WORKER, 10, 0);
        Fixtures.setTicks(proc, 11429, 0, 10);
        Fixtures.setTicks(proc, BROWSER, 20, 0);
        clock.advance(Duration.ofSeconds(2));
        HostSample sample = sampler.sample(List.of());

        assertEquals(0.2, sample.cpuCores(), 1e-9, "40 ticks in 2 s");
        assertEquals(0.2, sample.cpuLimitCores(), 1e-12);
        assertEquals(1.0, sample.cpuRatio(), 1e-9);
        assertEquals(1_073_741_824L, sample.memoryLimitBytes());
    }

    @Test
    void starvedGroupWithItsOwnCpuacctUsesItsCounter() {
        Path root = Fixtures.rootWithProcesses(dir, "cgroup/v1-host", "cgroup/v1-starved");
        Path procCgroup = root.resolve("proc/self/cgroup");
        Fixtures.write(procCgroup, Fixtures.read(procCgroup).replace("2:cpuacct:/\n", "2:cpuacct:/meetload-starved\n"));
        HostSampler sampler = sampler(root, 2);

        Fixtures.write(root.resolve("sys/fs/cgroup/cpuacct/meetload-starved/cpuacct.usage"), (4_120_044_113L + 100_000_000) + "\n");
        Fixtures.setTicks(root.resolve("proc"), WORKER, 500, 500); // would read as 10 cores if the tree were used
        clock.advance(Duration.ofSeconds(1));
        HostSample sample = sampler.sample(List.of());

        assertEquals(0.1, sample.cpuCores(), 1e-9);
        assertEquals(0.5, sample.cpuRatio(), 1e-9);
    }

    @Test
    void anIntervalInWhichTheProcessMovedGroupsUsesTheTreeThenTheNewCounter() {
        Path root = Fixtures.rootWithProcesses(dir, "cgroup/v1-host", "cgroup/v1-starved");
        Path proc = root.resolve("proc");
        Path procCgroup = root.resolve("proc/self/cgroup");
        Path usage = root.resolve("sys/fs/cgroup/cpuacct/meetload-starved/cpuacct.usage");
        HostSampler sampler = sampler(root, 2);

        Fixtures.write(procCgroup, Fixtures.read(procCgroup).replace("2:cpuacct:/\n", "2:cpuacct:/meetload-starved\n"));
        Fixtures.setTicks(proc, WORKER, 30, 0);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0.3, sampler.sample(List.of()).cpuCores(), 1e-9, "no earlier reading of the new counter");

        Fixtures.write(usage, (4_120_044_113L + 150_000_000) + "\n");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0.15, sampler.sample(List.of()).cpuCores(), 1e-9);
    }

    @Test
    void browsersThatAreGoneGiveAnEmptyTreeNotAnError() {
        Path root = Fixtures.rootWithProcesses(dir, "cgroup/v1-container");
        HostSampler sampler = sampler(root, 2);

        clock.advance(Duration.ofSeconds(1));
        HostSample sample = sampler.sample(List.of(424242L));

        assertEquals(0, sample.browserProcesses());
        assertEquals(0, sample.browserMemoryBytes());
        assertEquals(0.0, sample.browserCpuCores());
    }

    @Test
    void noTimePassedGivesNoCoresRatherThanInfinity() {
        HostSampler sampler = sampler(Fixtures.rootWithProcesses(dir, "cgroup/v1-container"), 2);

        assertEquals(0.0, sampler.sample(List.of()).cpuCores());
    }

    private HostSampler sampler(Path root, int hostCores) {
        return new HostSampler(CgroupReader.forProcess(root, "self"), new ProcReader(root.resolve("proc"), 100, 4096),
                WORKER, hostCores, clock);
    }

    private static String unlimitedGroup() {
        return "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod7d2a9c41_3e5b_4f6a_8c1d_0e9f2b3a4c5d.slice/"
                + "cri-containerd-a41b7c9e2d5f3086b1c4e7a9d2f50813c6b9e4a7d1f2c3b5a6e8d9f0a1b2c3d4.scope";
    }
}
