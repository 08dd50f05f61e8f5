package io.meetload.instance;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An instance's host samples kept column by column, sorted by time, and read back as records on
 * demand: about 80 bytes a sample instead of about 170 (see {@link ParticipantSampleColumns}).
 * Samples without a time are left out. A record read back equals the one it was made from.
 */
public final class HostSampleColumns extends AbstractList<HostSample> implements RandomAccess {

    private final long[] seconds;
    private final int[] nanos;
    private final double[] cpuCores;
    private final double[] cpuLimitCores;
    private final double[] cpuRatio;
    private final long[] memoryBytes;
    private final long[] memoryLimitBytes;
    private final long[] oomKills;
    private final double[] browserCpuCores;
    private final long[] browserMemoryBytes;
    private final int[] browserProcesses;

    private HostSampleColumns(int n) {
        seconds = new long[n];
        nanos = new int[n];
        cpuCores = new double[n];
        cpuLimitCores = new double[n];
        cpuRatio = new double[n];
        memoryBytes = new long[n];
        memoryLimitBytes = new long[n];
        oomKills = new long[n];
        browserCpuCores = new double[n];
        browserMemoryBytes = new long[n];
        browserProcesses = new int[n];
    }

    /** The samples in columns, by time (equal times keep their order); columns already are, as they are. */
    public static HostSampleColumns of(List<HostSample> samples) {
        if (samples instanceof HostSampleColumns columns) {
            return columns;
        }
        List<HostSample> sorted = samples.stream().filter(s -> s != null && s.at() != null)
                .sorted(Comparator.comparing(HostSample::at)).toList();
        HostSampleColumns c = new HostSampleColumns(sorted.size());
        for (int r = 0; r < sorted.size(); r++) {
            HostSample s = sorted.get(r);
            c.seconds[r] = s.at().getEpochSecond();
            c.nanos[r] = s.at().getNano();
            c.cpuCores[r] = s.cpuCores();
            c.cpuLimitCores[r] = ParticipantSampleColumns.real(s.cpuLimitCores());
            c.cpuRatio[r] = s.cpuRatio();
            c.memoryBytes[r] = s.memoryBytes();
            c.memoryLimitBytes[r] = ParticipantSampleColumns.whole(s.memoryLimitBytes());
            c.oomKills[r] = s.oomKills();
            c.browserCpuCores[r] = s.browserCpuCores();
            c.browserMemoryBytes[r] = s.browserMemoryBytes();
            c.browserProcesses[r] = s.browserProcesses();
        }
        return c;
    }

    /** The time of the i-th sample, without making its record. */
    public Instant at(int i) {
        return Instant.ofEpochSecond(seconds[i], nanos[i]);
    }

    /** Nanoseconds from the first sample to the i-th. */
    public long nanosSinceFirst(int i) {
        return (seconds[i] - seconds[0]) * 1_000_000_000L + (nanos[i] - nanos[0]);
    }

    /** The index of the first sample at or after {@code t}; {@link #size()} when there is none. */
    public int firstAtOrAfter(Instant t) {
        int low = 0;
        int high = seconds.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (at(mid).isBefore(t)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    public double cpuCores(int i) {
        return cpuCores[i];
    }

    public double cpuRatio(int i) {
        return cpuRatio[i];
    }

    public long memoryBytes(int i) {
        return memoryBytes[i];
    }

    public long oomKills(int i) {
        return oomKills[i];
    }

    @Override
    public HostSample get(int r) {
        Objects.checkIndex(r, seconds.length);
        return new HostSample(Instant.ofEpochSecond(seconds[r], nanos[r]), cpuCores[r],
                ParticipantSampleColumns.real(cpuLimitCores[r]), cpuRatio[r], memoryBytes[r],
                ParticipantSampleColumns.whole(memoryLimitBytes[r]), oomKills[r], browserCpuCores[r],
                browserMemoryBytes[r], browserProcesses[r]);
    }

    @Override
    public int size() {
        return seconds.length;
    }
}
