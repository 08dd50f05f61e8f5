package io.meetload.report;

import io.meetload.bridge.BridgeSeries;
import io.meetload.instance.HostSample;
import io.meetload.instance.HostSampleColumns;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantInfo;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantSampleColumns;
import io.meetload.instance.ParticipantState;
import io.meetload.report.SvgChart.Point;
import io.meetload.report.SvgChart.Reference;
import io.meetload.report.SvgChart.Series;
import io.meetload.verdict.VerdictInput;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;

/** The report's charts, from the raw series of the instance reports and the bridge. */
final class ReportCharts {

    /** Past this many lines a chart is unreadable: it shows the lowest, median and highest instead. */
    static final int MAX_SERIES = 24;
    /** Points per line kept at most; longer lines are cut into buckets (keeping each bucket's extreme). */
    static final int MAX_POINTS = 600;

    static final String[] PALETTE = {
            "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
            "#9c755f", "#79706e", "#1f77b4", "#bcbd22", "#17becf", "#8c564b", "#e377c2", "#2ca02c",
            "#d62728", "#9467bd", "#ff7f0e", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"};

    private static final Map<ParticipantState, String> STATE_COLORS = new EnumMap<>(Map.of(
            ParticipantState.STARTING, "#c9c9c9",
            ParticipantState.JOINING, "#9c9c9c",
            ParticipantState.JOINED, "#4e79a7",
            ParticipantState.MEDIA_FLOWING, "#2e9e4f",
            ParticipantState.FAILED_TO_JOIN, "#8c1c13",
            ParticipantState.NO_MEDIA, "#f28e2b",
            ParticipantState.DROPPED, "#d62728",
            ParticipantState.BROWSER_CRASHED, "#9467bd",
            ParticipantState.LEFT, "#5f5f5f"));

    private final VerdictInput input;
    private final Instant start;
    private final double spanSeconds;

    ReportCharts(VerdictInput input) {
        this.input = input;
        // A run that never started has no start time: its first report, if any, stands in.
        this.start = input.startedAt() != null ? input.startedAt() : input.reports().values().stream()
                .map(InstanceReport::startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(Instant.EPOCH);
        Instant end = input.endedAt() != null ? input.endedAt() : start.plus(input.plan().totalDuration());
        this.spanSeconds = Math.max(1, Duration.between(start, end).toMillis() / 1000.0);
    }

    double x(Instant at) {
        return Duration.between(start, at).toMillis() / 1000.0;
    }

    /** How many participants are in each state over time: a staircase per state that ever held one. */
    SvgChart participants() {
        Map<String, ParticipantState> current = new LinkedHashMap<>();
        List<ParticipantEvent> events = new ArrayList<>();
        for (InstanceReport r : input.reports().values()) {
            for (ParticipantInfo p : list(r.participants())) {
                current.put(p.id(), ParticipantState.STARTING);
            }
            list(r.events()).stream().filter(e -> e.at() != null && e.to() != null).forEach(events::add);
        }
        events.sort(Comparator.comparing(ParticipantEvent::at));
        Map<ParticipantState, List<Point>> lines = new EnumMap<>(ParticipantState.class);
        Map<ParticipantState, Integer> counts = count(current);
        record(lines, counts, 0);
        // Counted as each event moves one participant (recounting everyone per event was the
        // slowest part of a thousand-instance verdict).
        for (ParticipantEvent e : events) {
            ParticipantState before = current.put(e.participant(), e.to());
            if (before != e.to()) {
                if (before != null) {
                    counts.merge(before, -1, Integer::sum);
                }
                counts.merge(e.to(), 1, Integer::sum);
                record(lines, counts, Math.max(0, x(e.at())));
            }
        }
        record(lines, counts, spanSeconds);
        SvgChart.Builder chart = SvgChart.builder("participants")
                .title("Participants by state")
                .yLabel("participants")
                .xSpanSeconds(spanSeconds)
                .yAtLeast(Math.max(1, current.size()));
        lines.forEach((state, points) -> {
            if (points.stream().anyMatch(p -> p.y() > 0)) {
                chart.series(new Series(state.name(), STATE_COLORS.get(state), true, dedupe(points)));
            }
        });
        return chart.build();
    }

    private static Map<ParticipantState, Integer> count(Map<String, ParticipantState> states) {
        Map<ParticipantState, Integer> counts = new EnumMap<>(ParticipantState.class);
        for (ParticipantState s : ParticipantState.values()) {
            counts.put(s, 0);
        }
        states.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }

    private static void record(Map<ParticipantState, List<Point>> lines, Map<ParticipantState, Integer> counts, double x) {
        counts.forEach((state, n) -> lines.computeIfAbsent(state, s -> new ArrayList<>()).add(new Point(x, n)));
    }

    /** Several events at one instant leave several points at one x: keep the last, the state after them. */
    private static List<Point> dedupe(List<Point> points) {
        List<Point> out = new ArrayList<>(points.size());
        for (Point p : points) {
            if (!out.isEmpty() && out.get(out.size() - 1).x() == p.x()) {
                out.set(out.size() - 1, p);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Each instance's CPU use against its own limit, with the limit and the plan's saturation line. */
    SvgChart cpu() {
        Map<String, List<Point>> lines = new LinkedHashMap<>();
        for (InstanceReport r : new TreeMap<>(input.reports()).values()) {
            List<Point> points = new ArrayList<>();
            List<HostSample> host = r.hostSamples() instanceof HostSampleColumns inOrder ? inOrder
                    : sorted(list(r.hostSamples()), HostSample::at);
            for (HostSample h : host) {
                points.add(new Point(x(h.at()), h.cpuRatio()));
            }
            lines.put("i" + r.index(), points);
        }
        double saturation = input.plan().thresholds().maxGeneratorCpuRatio();
        return withLines(SvgChart.builder("cpu")
                        .yLabel("CPU / limit")
                        .yFormat(ReportCharts::percent)
                        .xSpanSeconds(spanSeconds)
                        .yAtLeast(1.0)
                        .reference(new Reference("limit", 1.0, "CPU limit (100 %)", "#333333"))
                        .reference(new Reference("saturation", saturation,
                                "saturation (" + percent(saturation) + ")", "#d62728")),
                lines, Math::max, "Generator CPU per instance, against its limit", "instances").build();
    }

    /** What each participant received, in kbit/s, with the plan's minimum. */
    SvgChart bitrate() {
        Map<String, List<Point>> lines = new LinkedHashMap<>();
        for (InstanceReport r : new TreeMap<>(input.reports()).values()) {
            Map<String, List<Point>> mine = new LinkedHashMap<>();
            list(r.participants()).forEach(p -> mine.put(p.id(), new ArrayList<>()));
            // Kept in columns, each participant's samples are in time order already: all a line needs.
            List<ParticipantSample> samples = r.participantSamples() instanceof ParticipantSampleColumns inOrder
                    ? inOrder : sorted(list(r.participantSamples()), ParticipantSample::at);
            for (ParticipantSample s : samples) {
                double kbps = s.receiveBitsPerSecond() == null ? Double.NaN : s.receiveBitsPerSecond() / 1000;
                mine.computeIfAbsent(s.participant(), k -> new ArrayList<>()).add(new Point(x(s.at()), kbps));
            }
            lines.putAll(mine);
        }
        double min = input.plan().thresholds().minReceiveBitrateKbps();
        SvgChart.Builder chart = SvgChart.builder("bitrate")
                .yLabel("kbit/s")
                .xSpanSeconds(spanSeconds);
        if (min > 0) {
            chart.reference(new Reference("min-bitrate", min, "minimum " + SvgChart.number(min) + " kbit/s", "#d62728"));
        }
        // A starved receiver shows as a dip: keep each bucket's lowest value.
        return withLines(chart, lines, Math::min, "Receive bitrate per participant", "participants").build();
    }

    /** The bridge's stress level over time, when the bridge's metrics were read. */
    Optional<SvgChart> bridgeStress() {
        Optional<BridgeSeries> bridge = input.bridge();
        List<BridgeSeries.Point> stress = bridge.map(b -> b.series().get("STRESS")).orElse(null);
        if (stress == null || stress.isEmpty()) {
            return Optional.empty();
        }
        List<Point> points = new ArrayList<>();
        for (BridgeSeries.Point p : sorted(stress, BridgeSeries.Point::at)) {
            points.add(new Point(x(p.at()), p.value()));
        }
        return Optional.of(SvgChart.builder("bridge-stress")
                .title("Bridge stress level (" + bridge.get().source() + ")")
                .yLabel("stress")
                .xSpanSeconds(spanSeconds)
                .yAtLeast(1.0)
                .reference(new Reference("overloaded", 1.0, "stress 1.0: bridge overloaded", "#d62728"))
                .series(new Series("stress", "#4e79a7", false, bucket(points, Math::max)))
                .build());
    }

    /**
     * Adds one line per entry, or, past {@link #MAX_SERIES}, three lines (lowest, median, highest
     * over all entries per time bucket), so a 400-instance run still draws a readable chart.
     */
    private SvgChart.Builder withLines(SvgChart.Builder chart, Map<String, List<Point>> lines,
                                       DoubleBinaryOperator keep, String title, String what) {
        if (lines.size() <= MAX_SERIES) {
            chart.title(title);
            int i = 0;
            for (Map.Entry<String, List<Point>> e : lines.entrySet()) {
                chart.series(new Series(e.getKey(), PALETTE[i++ % PALETTE.length], false, bucket(e.getValue(), keep)));
            }
            return chart;
        }
        double first = lines.values().stream().flatMap(List::stream).mapToDouble(Point::x).min().orElse(0);
        double last = lines.values().stream().flatMap(List::stream).mapToDouble(Point::x).max().orElse(spanSeconds);
        double width = Math.max(1, (last - first) / MAX_POINTS);
        Map<Long, List<Double>> buckets = new TreeMap<>();
        lines.values().forEach(points -> points.stream().filter(p -> !Double.isNaN(p.y()))
                .forEach(p -> buckets.computeIfAbsent((long) Math.floor(p.x() / width), k -> new ArrayList<>()).add(p.y())));
        List<Point> low = new ArrayList<>();
        List<Point> median = new ArrayList<>();
        List<Point> high = new ArrayList<>();
        buckets.forEach((b, values) -> {
            values.sort(Double::compare);
            double x = (b + 0.5) * width;
            low.add(new Point(x, values.get(0)));
            median.add(new Point(x, values.get(values.size() / 2)));
            high.add(new Point(x, values.get(values.size() - 1)));
        });
        return chart.title(title + " (" + lines.size() + " " + what + ": lowest, median, highest)")
                .series(new Series("lowest", PALETTE[0], false, low))
                .series(new Series("median", PALETTE[4], false, median))
                .series(new Series("highest", PALETTE[2], false, high));
    }

    /** Cuts a long line into at most {@link #MAX_POINTS} buckets, keeping per bucket what {@code keep} keeps. */
    private List<Point> bucket(List<Point> points, DoubleBinaryOperator keep) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        // The line's own extent, not the run's: a report may hold samples past the planned end.
        double width = Math.max(1e-3, (points.get(points.size() - 1).x() - points.get(0).x()) / MAX_POINTS);
        List<Point> out = new ArrayList<>();
        long currentBucket = Long.MIN_VALUE;
        for (Point p : points) {
            if (Double.isNaN(p.y())) {
                if (!out.isEmpty() && !Double.isNaN(out.get(out.size() - 1).y())) {
                    out.add(p);
                }
                currentBucket = Long.MIN_VALUE;
                continue;
            }
            long b = (long) Math.floor(p.x() / width);
            if (b == currentBucket) {
                Point last = out.get(out.size() - 1);
                out.set(out.size() - 1, new Point(last.x(), keep.applyAsDouble(last.y(), p.y())));
            } else {
                out.add(p);
                currentBucket = b;
            }
        }
        return out;
    }

    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, Instant> at) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(at));
        return copy;
    }

    /** Reports read from JSON may lack a list; that is no data, not an error. */
    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    static String percent(double ratio) {
        return Math.round(ratio * 100) + " %";
    }
}
