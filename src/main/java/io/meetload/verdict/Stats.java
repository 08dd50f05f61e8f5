package io.meetload.verdict;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/** Percentiles from raw values, computed once (never from other percentiles). */
final class Stats {

    private Stats() {
    }

    static Verdict.Percentiles percentiles(Collection<Double> values) {
        return percentiles(sorted(values));
    }

    /** Nearest rank: the smallest value with at least p % of the values at or below it. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double[] sorted(Collection<Double> values) {
        double[] array = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(array);
        return array;
    }

    /** The values {@code value.applyAsDouble(0 .. n-1)}, NaN (no value) left out, sorted. */
    static double[] sorted(int n, java.util.function.IntToDoubleFunction value) {
        double[] array = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double v = value.applyAsDouble(i);
            if (!Double.isNaN(v)) {
                array[kept++] = v;
            }
        }
        array = kept == n ? array : Arrays.copyOf(array, kept);
        Arrays.sort(array);
        return array;
    }

    static Verdict.Percentiles percentiles(double[] sorted) {
        if (sorted.length == 0) {
            return new Verdict.Percentiles(null, null, null, null);
        }
        return new Verdict.Percentiles(percentile(sorted, 5), percentile(sorted, 50), percentile(sorted, 95),
                sorted[sorted.length - 1]);
    }

    static Double median(Collection<Double> values) {
        double[] sorted = sorted(values);
        return sorted.length == 0 ? null : percentile(sorted, 50);
    }
}
