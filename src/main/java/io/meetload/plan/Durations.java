package io.meetload.plan;

import java.time.Duration;

/** Durations as people write them in messages: {@code 2s}, {@code 30m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative()) {
            return "-" + human(d.negated());
        }
        StringBuilder out = new StringBuilder();
        append(out, d.toHours(), "h");
        append(out, d.toMinutesPart(), "m");
        append(out, d.toSecondsPart(), "s");
        int nanos = d.toNanosPart();
        if (nanos % 1_000_000 == 0) {
            append(out, nanos / 1_000_000, "ms");
        } else {
            append(out, nanos, "ns");
        }
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }
}
