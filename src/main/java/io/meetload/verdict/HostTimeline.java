package io.meetload.verdict;

import io.meetload.instance.HostSample;
import io.meetload.instance.HostSampleColumns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * An instance's host samples in time order, each standing for the time until the next sample.
 * A gap longer than twice the usual interval is not filled: nobody knows what happened there.
 * The samples are columns ({@link HostSampleColumns}); conditions and values are read by index,
 * so judging a run of a thousand instances makes no record but those of the episodes it finds.
 */
final class HostTimeline {

    /** A stretch of consecutive samples that all match a condition. */
    record Episode(Instant from, Instant to, List<HostSample> samples) {
        Duration length() {
            return Duration.between(from, to);
        }
    }

    final HostSampleColumns samples;
    final double cpuLimitCores;
    final Long memoryLimitBytes;
    /** Nanoseconds (whole milliseconds) from each sample to the next; the last one, as the one before. */
    private final long[] untilNext;
    /** How long each sample stands: until the next, except over a gap longer than twice the usual. */
    private final long[] span;

    HostTimeline(List<HostSample> samples, double cpuLimitCores, Long memoryLimitBytes) {
        this.samples = HostSampleColumns.of(samples);
        this.cpuLimitCores = cpuLimitCores;
        this.memoryLimitBytes = memoryLimitBytes;
        this.untilNext = untilNext(this.samples);
        this.span = spans(untilNext);
    }

    /**
     * Stretches where the time-weighted mean of {@code value} over every whole {@code window}
     * ending in them is at least {@code limit}: one low reading amid saturation is noise, not
     * relief. Gaps are filled (each sample stands until the next): a CPU reading is measured over
     * the whole time between samples, and a starved worker samples late and irregularly, which is
     * the saturation showing, not missing data.
     *
     * @param value the value of the i-th sample
     */
    List<Episode> meanAtLeast(IntToDoubleFunction value, double limit, Duration window) {
        List<Episode> episodes = new ArrayList<>();
        int n = samples.size();
        if (n == 0) {
            return episodes;
        }
        long windowMillis = window.toMillis();
        long windowNanos = windowMillis * 1_000_000L;
        Instant first = samples.at(0);
        long from = 0;
        long to = 0;
        boolean open = false;
        List<HostSample> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long end = samples.nanosSinceFirst(i) + untilNext[i];
            long start = end - windowNanos;
            boolean holds = false;
            if (start >= 0) {
                double weighted = 0;
                for (int j = i; j >= 0; j--) {
                    long jStart = samples.nanosSinceFirst(j);
                    long jEnd = jStart + untilNext[j];
                    if (jEnd <= start) {
                        break;
                    }
                    long overlap = Math.min(jEnd, end) - Math.max(jStart, start);
                    weighted += value.applyAsDouble(j) * Math.floorDiv(overlap, 1_000_000L);
                }
                holds = weighted / windowMillis >= limit;
            }
            if (holds) {
                from = open ? from : start;
                open = true;
                to = end;
                current.add(samples.get(i));
            } else if (open) {
                episodes.add(new Episode(first.plusNanos(from), first.plusNanos(to), List.copyOf(current)));
                open = false;
                current.clear();
            }
        }
        if (open) {
            episodes.add(new Episode(first.plusNanos(from), first.plusNanos(to), List.copyOf(current)));
        }
        return episodes;
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Seconds covered by samples that match. */
    long seconds(IntPredicate condition) {
        long nanos = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (condition.test(i)) {
                nanos += span[i];
            }
        }
        return nanos / 1_000_000_000L;
    }

    /** Maximal runs of matching samples; a run also breaks at an unfilled gap. */
    List<Episode> episodes(IntPredicate condition) {
        List<Episode> episodes = new ArrayList<>();
        List<HostSample> current = new ArrayList<>();
        Instant first = samples.isEmpty() ? null : samples.at(0);
        long end = -1;
        for (int i = 0; i < samples.size(); i++) {
            long at = samples.nanosSinceFirst(i);
            boolean contiguous = end < 0 || at <= end;
            boolean matches = condition.test(i);
            if (!matches || !contiguous) {
                if (!current.isEmpty()) {
                    episodes.add(new Episode(current.get(0).at(), first.plusNanos(end), List.copyOf(current)));
                    current.clear();
                }
                end = -1;
            }
            if (matches) {
                current.add(samples.get(i));
                end = at + span[i];
            }
        }
        if (!current.isEmpty()) {
            episodes.add(new Episode(current.get(0).at(), first.plusNanos(end), List.copyOf(current)));
        }
        return episodes;
    }

    /** The values of the samples from index {@code from} (inclusive) to {@code to} (exclusive). */
    List<Double> values(IntToDoubleFunction value, int from, int to) {
        List<Double> values = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            values.add(value.applyAsDouble(i));
        }
        return values;
    }

    private static long[] untilNext(HostSampleColumns samples) {
        int n = samples.size();
        long[] gaps = new long[n];
        for (int i = 0; i + 1 < n; i++) {
            gaps[i] = wholeMillis(samples.nanosSinceFirst(i + 1) - samples.nanosSinceFirst(i));
        }
        if (n > 1) {
            gaps[n - 1] = gaps[n - 2];
        }
        return gaps;
    }

    /** The gaps between samples, the last sample standing for the usual gap, long gaps not filled. */
    private static long[] spans(long[] untilNext) {
        int n = untilNext.length;
        long[] spans = new long[n];
        if (n == 0) {
            return spans;
        }
        long usual = usualGap(untilNext, n - 1);
        for (int i = 0; i < n; i++) {
            long gap = i < n - 1 ? untilNext[i] : usual;
            spans[i] = gap > 2 * usual ? usual : gap;
        }
        return spans;
    }

    /** Nanoseconds cut to whole milliseconds, as Duration.toMillis() does. */
    private static long wholeMillis(long nanos) {
        return Math.floorDiv(nanos, 1_000_000L) * 1_000_000L;
    }

    /** The median of the first {@code count} gaps. */
    private static long usualGap(long[] gaps, int count) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
