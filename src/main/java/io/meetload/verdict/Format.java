package io.meetload.verdict;

import java.time.Duration;
import java.util.Locale;

/** Numbers as people read them in a reason: "97%", "2-CPU", "4 min", "3.8 GiB". */
final class Format {

    private Format() {
    }

    static String percent(double ratio) {
        return Math.round(ratio * 100) + "%";
    }

    static String cores(double cores) {
        return cores == Math.rint(cores) ? String.valueOf((long) cores) : String.format(Locale.ROOT, "%.2f", cores)
                .replaceAll("0+$", "");
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.0f" : "%.2f", value);
    }

    static String duration(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 90) {
            return seconds + " s";
        }
        return Math.round(seconds / 60.0) + " min";
    }

    static String bytes(long bytes) {
        double gib = bytes / (1024.0 * 1024 * 1024);
        if (gib >= 1) {
            return String.format(Locale.ROOT, "%.1f GiB", gib);
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
