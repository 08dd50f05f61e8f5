package io.meetload.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupReaderTest {

    private static final String HOST_MEMORY_GROUP = "/process_api/cb5ae7cfa2da0a0e0ca147eb1be37c98";
    private static final String KUBEPODS_GROUP = "/kubepods.slice/kubepods-besteffort.slice/"
            + "kubepods-besteffort-pod7d2a9c41_3e5b_4f6a_8c1d_0e9f2b3a4c5d.slice/"
            + "cri-containerd-a41b7c9e2d5f3086b1c4e7a9d2f50813c6b9e4a7d1f2c3b5a6e8d9f0a1b2c3d4.scope";

    @TempDir
    Path dir;

    @Test
    void hostV1WithAnEmptyUnifiedMountIsV1AndItsRootCpuacctGroupCountsTheWholeHost() {
        CgroupReading reading = CgroupReader.forProcess(Fixtures.root(dir, "cgroup/v1-host"), "self").read();

        assertEquals(CgroupVersion.V1, reading.version());
        assertEquals("/", reading.cpuGroup());
        assertTrue(reading.cpuGroupIsHostRoot());
        assertNull(reading.cpuUsageNanos(), "a root cpuacct.usage counts every process on the host");
        assertNull(reading.cpuLimitCores(), "cfs_quota_us -1");
        assertEquals(HOST_MEMORY_GROUP, reading.memoryGroup());
        assertFalse(reading.memoryGroupIsHostRoot());
        assertEquals(6_901_760L - 712_704L, reading.memoryBytes(), "usage_in_bytes - total_inactive_file");
        assertNull(reading.memoryLimitBytes(), "9223372036854771712 is v1's 'no limit'");
        assertEquals(0, reading.oomKills());
    }

    @Test
    void dockerV1ContainerWithHalfACoreAnd256Mi() {
        CgroupReading reading = CgroupReader.forProcess(Fixtures.root(dir, "cgroup/v1-container"), "self").read();

        assertEquals(CgroupVersion.V1, reading.version());
        assertEquals("/", reading.cpuGroup(), "the mount's root is the container's own group");
        assertFalse(reading.cpuGroupIsHostRoot());
        assertEquals(184_233_519_772L, reading.cpuUsageNanos());
        assertEquals(0.5, reading.cpuLimitCores(), 1e-12);
        assertEquals(231_530_496L - 22_347_776L, reading.memoryBytes());
        assertEquals(268_435_456L, reading.memoryLimitBytes());
        assertEquals(0, reading.oomKills());
    }

    @Test
    void oomKillLineAbsentOnOldKernelsCountsAsZeroAndPresentCountsAsWritten() {
        Path root = Fixtures.root(dir, "cgroup/v1-container");
        Path oomControl = root.resolve("sys/fs/cgroup/memory/memory.oom_control");
        CgroupReader reader = CgroupReader.forProcess(root, "self");

        Fixtures.write(oomControl, "oom_kill_disable 0\nunder_oom 0\n");
        assertEquals(0, reader.read().oomKills());
        Fixtures.write(oomControl, "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        assertEquals(3, reader.read().oomKills());
    }

    @Test
    void starvedV1GroupGivesItsQuotaWhileCpuacctStaysAtTheHostRoot() {
        Path root = Fixtures.root(dir, "cgroup/v1-host", "cgroup/v1-starved");
        CgroupReading reading = CgroupReader.forProcess(root, "self").read();

        assertEquals(0.2, reading.cpuLimitCores(), 1e-12, "20000 / 100000");
        assertTrue(reading.cpuGroupIsHostRoot());
        assertNull(reading.cpuUsageNanos());
        assertEquals(1_073_741_824L, reading.memoryLimitBytes(), "the parent process_api group's limit binds");
    }

    @Test
    void starvedV1GroupWithItsOwnCpuacctGroupUsesThatCounter() {
        Path root = Fixtures.root(dir, "cgroup/v1-host", "cgroup/v1-starved");
        String procCgroup = Fixtures.read(root.resolve("proc/self/cgroup"))
                .replace("2:cpuacct:/\n", "2:cpuacct:/meetload-starved\n");
        CgroupReading reading = new CgroupReader(root, procCgroup, Fixtures.read(root.resolve("proc/self/mountinfo"))).read();

        assertEquals("/meetload-starved", reading.cpuGroup());
        assertFalse(reading.cpuGroupIsHostRoot());
        assertEquals(4_120_044_113L, reading.cpuUsageNanos());
        assertEquals(0.2, reading.cpuLimitCores(), 1e-12);
    }

    @Test
    void aGroupWithoutQuotaTakesTheTightestQuotaOfItsParents() {
        Path root = Fixtures.root(dir, "cgroup/v1-host", "cgroup/v1-starved");
        String procCgroup = Fixtures.read(root.resolve("proc/self/cgroup"))
                .replace("1:cpu:/meetload-starved\n", "1:cpu:/meetload-starved/worker\n");
        CgroupReading reading = new CgroupReader(root, procCgroup, Fixtures.read(root.resolve("proc/self/mountinfo"))).read();

        assertEquals(0.2, reading.cpuLimitCores(), 1e-12, "own -1, parent 20000/100000");

        Fixtures.write(root.resolve("sys/fs/cgroup/cpu/meetload-starved/worker/cpu.cfs_quota_us"), "10000\n");
        assertEquals(0.1, new CgroupReader(root, procCgroup, Fixtures.read(root.resolve("proc/self/mountinfo")))
                .read().cpuLimitCores(), 1e-12, "own 10000 is tighter than the parent's 20000");
    }

    @Test
    void namespacedV2ContainerWithHalfACore256MiAndOneOomKill() {
        CgroupReading reading = CgroupReader.forProcess(Fixtures.root(dir, "cgroup/v2-limited"), "self").read();

        assertEquals(CgroupVersion.V2, reading.version());
        assertEquals("/", reading.cpuGroup());
        assertFalse(reading.cpuGroupIsHostRoot(), "a namespace's '/' has cgroup.type: it is the container, not the host");
        assertEquals(734_215_876_000L, reading.cpuUsageNanos());
        assertEquals(0.5, reading.cpuLimitCores(), 1e-12);
        assertEquals(251_883_520L - 10_530_816L, reading.memoryBytes(), "memory.current - inactive_file");
        assertEquals(268_435_456L, reading.memoryLimitBytes());
        assertEquals(1, reading.oomKills());
    }

    @Test
    void unlimitedV2KubepodsContainerWithoutNamespace() {
        CgroupReading reading = CgroupReader.forProcess(Fixtures.root(dir, "cgroup/v2-unlimited"), "self").read();

        assertEquals(CgroupVersion.V2, reading.version());
        assertEquals(KUBEPODS_GROUP, reading.cpuGroup());
        assertFalse(reading.cpuGroupIsHostRoot());
        assertEquals(412_993_117_000L, reading.cpuUsageNanos());
        assertNull(reading.cpuLimitCores(), "'max 100000' all the way up");
        assertEquals(1_604_427_776L - 61_747_200L, reading.memoryBytes());
        assertNull(reading.memoryLimitBytes(), "'max' all the way up");
        assertEquals(0, reading.oomKills());
    }

    @Test
    void v2HostRootIsNotUsedAsTheContainerCounter() {
        Path root = Fixtures.root(dir, "cgroup/v2-unlimited");
        CgroupReading reading = new CgroupReader(root, "0::/\n", Fixtures.read(root.resolve("proc/self/mountinfo"))).read();

        assertTrue(reading.cpuGroupIsHostRoot());
        assertTrue(reading.memoryGroupIsHostRoot());
        assertNull(reading.cpuUsageNanos());
        assertNull(reading.memoryBytes());
        assertNull(reading.cpuLimitCores());
    }

    @Test
    void aMemoryLimitAboveTheHostsMemoryIsNoLimit() {
        Path root = Fixtures.root(dir, "cgroup/v2-limited");
        Fixtures.write(root.resolve("sys/fs/cgroup/memory.max"), "34359738368\n");

        assertNull(CgroupReader.forProcess(root, "self").read().memoryLimitBytes(), "32 GiB on a 16 GiB host");
    }

    @Test
    void followsTheProcessWhenItIsMovedToAnotherGroup() {
        Path root = Fixtures.root(dir, "cgroup/v1-host", "cgroup/v1-starved");
        CgroupReader reader = CgroupReader.forProcess(root, "self");
        assertEquals(0.2, reader.read().cpuLimitCores(), 1e-12);

        Fixtures.write(root.resolve("proc/self/cgroup"), Fixtures.read(root.resolve("proc/self/cgroup"))
                .replace("1:cpu:/meetload-starved\n", "1:cpu:/\n"));
        assertNull(reader.read().cpuLimitCores());
    }

    @Test
    void noCgroupFilesystemReadsAsNone() {
        assertEquals(CgroupReading.none(), new CgroupReader(dir, "", "").read());
        assertEquals(CgroupVersion.NONE, CgroupReader.forProcess(dir, "self").read().version(), "no /proc at all");
    }

    @Test
    void parsesTheLimitFormats() {
        assertNull(CgroupReader.cpuMaxCores("max 100000\n"));
        assertEquals(0.5, CgroupReader.cpuMaxCores("50000 100000\n"), 1e-12);
        assertEquals(2.5, CgroupReader.cpuMaxCores("250000 100000\n"), 1e-12);
        assertNull(CgroupReader.cfsQuotaCores("-1\n", "100000\n"));
        assertEquals(0.2, CgroupReader.cfsQuotaCores("20000\n", "100000\n"), 1e-12);
        assertNull(CgroupReader.memoryLimit("9223372036854771712\n", 0));
        assertNull(CgroupReader.memoryLimit("max\n", 0));
        assertEquals(268_435_456L, CgroupReader.memoryLimit("268435456\n", 25_276_203_008L));
    }

    @Test
    void aMalformedValueNamesTheFileAndTheValue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CgroupReader.cfsQuotaCores("lots\n", "100000"));
        assertEquals("cpu.cfs_quota_us: must be an integer, was 'lots'", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> CgroupReader.cpuMaxCores("50000 0"));
        assertEquals("cpu.max period: must be positive, was 0", error.getMessage());
    }

    @Test
    void mountInfoPathsAreUnescaped() {
        List<CgroupLayout.Mount> mounts = CgroupLayout.parseMountInfo(
                "41 31 0:38 /a\\040b /sys/fs/cgroup/my\\040cpu rw,relatime shared:9 master:2 - cgroup cgroup rw,cpu,cpuacct\n");

        assertEquals(List.of(new CgroupLayout.Mount("/a b", "/sys/fs/cgroup/my cpu", "cgroup",
                java.util.Set.of("rw", "cpu", "cpuacct"))), mounts);
    }
}
