package io.meetload.verdict;

import io.meetload.instance.HostSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * An instance's host samples in time order, each standing for the time until the next sample.
 * A gap longer than twice the usual interval is not filled: nobody knows what happened there.
 */
final class HostTimeline {

    /** A stretch of consecutive samples that all match a condition. */
    record Episode(Instant from, Instant to, List<HostSample> samples) {
        Duration length() {
            return Duration.between(from, to);
        }
    }

    final List<HostSample> samples;
    final double cpuLimitCores;
    final Long memoryLimitBytes;
    private final long[] spanMillis;

    HostTimeline(List<HostSample> samples, double cpuLimitCores, Long memoryLimitBytes) {
        // Columns are immutable and sorted already; copying them would make every record at once.
        this.samples = samples instanceof io.meetload.instance.HostSampleColumns ? samples : List.copyOf(samples);
        this.cpuLimitCores = cpuLimitCores;
        this.memoryLimitBytes = memoryLimitBytes;
        this.spanMillis = spans(this.samples);
    }

    /**
     * Stretches where the time-weighted mean of {@code value} over every whole {@code window}
     * ending in them is at least {@code limit}: one low reading amid saturation is noise, not
     * relief. Gaps are filled (each sample stands until the next): a CPU reading is measured over
     * the whole time between samples, and a starved worker samples late and irregularly, which is
     * the saturation showing, not missing data.
     */
    List<Episode> meanAtLeast(java.util.function.ToDoubleFunction<HostSample> value, double limit, Duration window) {
        List<Episode> episodes = new ArrayList<>();
        if (samples.isEmpty()) {
            return episodes;
        }
        long[] span = gaps(samples);
        long windowMillis = window.toMillis();
        Instant first = samples.get(0).at();
        Instant from = null;
        Instant to = null;
        List<HostSample> current = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Instant end = samples.get(i).at().plusMillis(span[i]);
            Instant start = end.minusMillis(windowMillis);
            boolean holds = false;
            if (!start.isBefore(first)) {
                double weighted = 0;
                for (int j = i; j >= 0; j--) {
                    Instant jStart = samples.get(j).at();
                    Instant jEnd = jStart.plusMillis(span[j]);
                    if (!jEnd.isAfter(start)) {
                        break;
                    }
                    long overlap = Duration.between(jStart.isBefore(start) ? start : jStart,
                            jEnd.isAfter(end) ? end : jEnd).toMillis();
                    weighted += value.applyAsDouble(samples.get(j)) * overlap;
                }
                holds = weighted / windowMillis >= limit;
            }
            if (holds) {
                from = from == null ? start : from;
                to = end;
                current.add(samples.get(i));
            } else if (from != null) {
                episodes.add(new Episode(from, to, List.copyOf(current)));
                from = null;
                current.clear();
            }
        }
        if (from != null) {
            episodes.add(new Episode(from, to, List.copyOf(current)));
        }
        return episodes;
    }

    private static long[] gaps(List<HostSample> samples) {
        long[] spans = new long[samples.size()];
        for (int i = 0; i + 1 < samples.size(); i++) {
            spans[i] = Duration.between(samples.get(i).at(), samples.get(i + 1).at()).toMillis();
        }
        if (samples.size() > 1) {
            spans[samples.size() - 1] = spans[samples.size() - 2];
        }
        return spans;
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Seconds covered by samples that match. */
    long seconds(Predicate<HostSample> condition) {
        long millis = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (condition.test(samples.get(i))) {
                millis += spanMillis[i];
            }
        }
        return millis / 1000;
    }

    /** Maximal runs of matching samples; a run also breaks at an unfilled gap. */
    List<Episode> episodes(Predicate<HostSample> condition) {
        List<Episode> episodes = new ArrayList<>();
        List<HostSample> current = new ArrayList<>();
        Instant end = null;
        for (int i = 0; i < samples.size(); i++) {
            HostSample sample = samples.get(i);
            boolean contiguous = end == null || !sample.at().isAfter(end);
            if (!condition.test(sample) || !contiguous) {
                if (!current.isEmpty()) {
                    episodes.add(new Episode(current.get(0).at(), end, List.copyOf(current)));
                    current.clear();
                }
                end = null;
            }
            if (condition.test(sample)) {
                current.add(sample);
                end = sample.at().plusMillis(spanMillis[i]);
            }
        }
        if (!current.isEmpty()) {
            episodes.add(new Episode(current.get(0).at(), end, List.copyOf(current)));
        }
        return episodes;
    }

    private static long[] spans(List<HostSample> samples) {
        long[] spans = new long[samples.size()];
        if (samples.isEmpty()) {
            return spans;
        }
        long[] gaps = new long[Math.max(0, samples.size() - 1)];
        for (int i = 0; i + 1 < samples.size(); i++) {
            gaps[i] = Duration.between(samples.get(i).at(), samples.get(i + 1).at()).toMillis();
        }
        long usual = usualGap(gaps);
        for (int i = 0; i < samples.size(); i++) {
            long gap = i < gaps.length ? gaps[i] : usual;
            spans[i] = gap > 2 * usual ? usual : gap;
        }
        return spans;
    }

    private static long usualGap(long[] gaps) {
        if (gaps.length == 0) {
            return 0;
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
