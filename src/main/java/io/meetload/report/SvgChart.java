package io.meetload.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * A small line chart as inline SVG: time on x (seconds since run start, ticks in mm:ss), one
 * polyline per series, optional dashed horizontal reference lines with labels, and a legend.
 * Pure: no I/O, same input, same text. Every label is XML-escaped.
 *
 * <p>Marks for tests and readers: the root has {@code data-chart="<name>"}, each series is a
 * {@code <g data-series="<name>">}, each reference line a {@code <g data-ref="<name>">}, each
 * legend entry a {@code <g data-legend="<name>">}.
 */
public final class SvgChart {

    /** One point: x in seconds since run start; a NaN y breaks the line (no data there). */
    public record Point(double x, double y) {
    }

    /**
     * @param step draw as a staircase (the value holds until the next point), for counts
     */
    public record Series(String name, String color, boolean step, List<Point> points) {
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(color, "color");
            points = List.copyOf(points);
        }
    }

    public record Reference(String name, double y, String label, String color) {
    }

    static final int WIDTH = 1100;
    static final int LEFT = 70;
    static final int RIGHT = 24;
    static final int TOP = 40;
    static final int PLOT_HEIGHT = 250;
    static final int AXIS_HEIGHT = 40;
    static final int LEGEND_ROW = 22;
    static final int LEGEND_ITEM = 150;
    private static final long[] TIME_STEPS = {5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400};

    private final String name;
    private final String title;
    private final String yLabel;
    private final DoubleFunction<String> yFormat;
    private final double xSpanSeconds;
    private final double yAtLeast;
    private final List<Series> series;
    private final List<Reference> references;

    private SvgChart(Builder b) {
        this.name = b.name;
        this.title = b.title;
        this.yLabel = b.yLabel;
        this.yFormat = b.yFormat;
        this.xSpanSeconds = b.xSpanSeconds;
        this.yAtLeast = b.yAtLeast;
        this.series = List.copyOf(b.series);
        this.references = List.copyOf(b.references);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private String title = "";
        private String yLabel = "";
        private DoubleFunction<String> yFormat = SvgChart::number;
        private double xSpanSeconds;
        private double yAtLeast;
        private final List<Series> series = new ArrayList<>();
        private final List<Reference> references = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder yLabel(String yLabel) {
            this.yLabel = yLabel;
            return this;
        }

        /** How y tick labels read, e.g. as a percentage; default: a plain number. */
        public Builder yFormat(DoubleFunction<String> yFormat) {
            this.yFormat = yFormat;
            return this;
        }

        /** The x axis spans at least this many seconds (the run's length), whatever the data. */
        public Builder xSpanSeconds(double seconds) {
            this.xSpanSeconds = seconds;
            return this;
        }

        /** The y axis reaches at least this value, so a flat low line is not blown up to full height. */
        public Builder yAtLeast(double y) {
            this.yAtLeast = y;
            return this;
        }

        public Builder series(Series s) {
            series.add(s);
            return this;
        }

        public Builder reference(Reference r) {
            references.add(r);
            return this;
        }

        public SvgChart build() {
            return new SvgChart(this);
        }
    }

    public String toSvg() {
        double xMin = 0;
        double xMax = Math.max(xSpanSeconds, 1);
        double yMax = yAtLeast;
        double yMin = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                xMin = Math.min(xMin, p.x());
                xMax = Math.max(xMax, p.x());
                if (!Double.isNaN(p.y())) {
                    yMax = Math.max(yMax, p.y());
                    yMin = Math.min(yMin, p.y());
                }
            }
        }
        for (Reference r : references) {
            yMax = Math.max(yMax, r.y());
        }
        double yStep = niceStep((yMax - yMin) / 5);
        yMin = Math.floor(yMin / yStep) * yStep;
        // Headroom over the highest value, so a line at the top or a reference label stays readable.
        yMax = Math.ceil(yMax * 1.04 / yStep) * yStep;
        if (yMax <= yMin) {
            yMax = yMin + yStep;
        }
        Frame f = new Frame(xMin, xMax, yMin, yMax);

        int legendEntries = series.size();
        int perRow = Math.max(1, (WIDTH - LEFT - RIGHT) / LEGEND_ITEM);
        int legendRows = (legendEntries + perRow - 1) / perRow;
        int height = TOP + PLOT_HEIGHT + AXIS_HEIGHT + legendRows * LEGEND_ROW + 8;

        StringBuilder out = new StringBuilder(4096);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"").append(xml(name))
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(xml(title)).append("\">");
        out.append("<title>").append(xml(title)).append("</title>");
        out.append("<text class=\"chart-title\" x=\"").append(LEFT).append("\" y=\"22\">")
                .append(xml(title)).append("</text>");
        if (!yLabel.isEmpty()) {
            out.append("<text class=\"axis-label\" x=\"").append(WIDTH - RIGHT).append("\" y=\"22\" text-anchor=\"end\">")
                    .append(xml(yLabel)).append("</text>");
        }
        yAxis(out, f, yStep);
        xAxis(out, f);
        for (Reference r : references) {
            reference(out, f, r);
        }
        for (Series s : series) {
            series(out, f, s);
        }
        legend(out, perRow);
        out.append("</svg>");
        return out.toString();
    }

    private record Frame(double xMin, double xMax, double yMin, double yMax) {
        double px(double x) {
            return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
        }

        double py(double y) {
            return TOP + PLOT_HEIGHT - (y - yMin) / (yMax - yMin) * PLOT_HEIGHT;
        }
    }

    private void yAxis(StringBuilder out, Frame f, double step) {
        out.append("<g class=\"axis y-axis\">");
        long ticks = Math.round((f.yMax() - f.yMin()) / step);
        for (long k = 0; k <= ticks; k++) {
            double y = f.yMin() + k * step;
            double py = f.py(y);
            out.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(c(py)).append("\" y2=\"").append(c(py)).append("\"/>");
            out.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(c(py + 4))
                    .append("\" text-anchor=\"end\">").append(xml(yFormat.apply(y))).append("</text>");
        }
        out.append("</g>");
    }

    private void xAxis(StringBuilder out, Frame f) {
        long step = TIME_STEPS[TIME_STEPS.length - 1];
        for (long candidate : TIME_STEPS) {
            if ((f.xMax() - f.xMin()) / candidate <= 10) {
                step = candidate;
                break;
            }
        }
        double base = TOP + PLOT_HEIGHT;
        out.append("<g class=\"axis x-axis\">");
        out.append("<line class=\"baseline\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(c(base)).append("\" y2=\"").append(c(base)).append("\"/>");
        for (long x = (long) Math.ceil(f.xMin() / step) * step; x <= f.xMax() + 1e-9; x += step) {
            double px = f.px(x);
            out.append("<line class=\"tick\" x1=\"").append(c(px)).append("\" x2=\"").append(c(px))
                    .append("\" y1=\"").append(c(base)).append("\" y2=\"").append(c(base + 5)).append("\"/>");
            out.append("<text x=\"").append(c(px)).append("\" y=\"").append(c(base + 20))
                    .append("\" text-anchor=\"middle\">").append(xml(mmss(x))).append("</text>");
        }
        out.append("<text class=\"axis-label\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(c(base + 36))
                .append("\" text-anchor=\"end\">time since run start (mm:ss)</text>");
        out.append("</g>");
    }

    private void reference(StringBuilder out, Frame f, Reference r) {
        double py = f.py(r.y());
        out.append("<g class=\"reference\" data-ref=\"").append(xml(r.name())).append("\">");
        out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(c(py)).append("\" y2=\"").append(c(py)).append("\" stroke=\"").append(xml(r.color()))
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"7 5\"/>");
        // Left, over the ramp-up, where lines rarely sit at the limit; the white halo keeps it readable over them.
        out.append("<text x=\"").append(LEFT + 8).append("\" y=\"").append(c(py - 5))
                .append("\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"4\" fill=\"").append(xml(r.color())).append("\">")
                .append(xml(r.label())).append("</text>");
        out.append("</g>");
    }

    private void series(StringBuilder out, Frame f, Series s) {
        out.append("<g class=\"series\" data-series=\"").append(xml(s.name())).append("\">");
        out.append("<title>").append(xml(s.name())).append("</title>");
        List<List<Point>> runs = new ArrayList<>();
        List<Point> run = new ArrayList<>();
        for (Point p : s.points()) {
            if (Double.isNaN(p.y())) {
                if (!run.isEmpty()) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
            } else {
                run.add(p);
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        for (List<Point> r : runs) {
            if (r.size() == 1) {
                Point p = r.get(0);
                out.append("<circle cx=\"").append(c(f.px(p.x()))).append("\" cy=\"").append(c(f.py(p.y())))
                        .append("\" r=\"2.5\" fill=\"").append(xml(s.color())).append("\"/>");
                continue;
            }
            out.append("<polyline fill=\"none\" stroke=\"").append(xml(s.color()))
                    .append("\" stroke-width=\"1.8\" stroke-linejoin=\"round\" points=\"");
            Point previous = null;
            for (Point p : r) {
                if (s.step() && previous != null) {
                    out.append(c(f.px(p.x()))).append(',').append(c(f.py(previous.y()))).append(' ');
                }
                out.append(c(f.px(p.x()))).append(',').append(c(f.py(p.y()))).append(' ');
                previous = p;
            }
            out.setLength(out.length() - 1);
            out.append("\"/>");
        }
        out.append("</g>");
    }

    private void legend(StringBuilder out, int perRow) {
        out.append("<g class=\"legend\">");
        double top = TOP + PLOT_HEIGHT + AXIS_HEIGHT + 8;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double x = LEFT + (i % perRow) * LEGEND_ITEM;
            double y = top + (i / perRow) * LEGEND_ROW;
            out.append("<g data-legend=\"").append(xml(s.name())).append("\">");
            out.append("<rect x=\"").append(c(x)).append("\" y=\"").append(c(y)).append("\" width=\"14\" height=\"4\" rx=\"1\" fill=\"")
                    .append(xml(s.color())).append("\"/>");
            out.append("<text x=\"").append(c(x + 20)).append("\" y=\"").append(c(y + 6)).append("\">")
                    .append(xml(s.name())).append("</text>");
            out.append("</g>");
        }
        out.append("</g>");
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0) || Double.isInfinite(rough)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * magnitude >= rough * 0.999) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Seconds as mm:ss; minutes go past 59 (a 90-minute run ends at 90:00), negative gets a minus. */
    public static String mmss(long seconds) {
        String sign = seconds < 0 ? "-" : "";
        long s = Math.abs(seconds);
        return String.format(Locale.ROOT, "%s%02d:%02d", sign, s / 60, s % 60);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        if (!(Math.abs(v) < 1e13)) { // NaN, infinite or huge: rare, and the long arithmetic below would overflow
            return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        // Two decimals without trailing zeros, by long arithmetic: a page draws millions of these.
        long hundredths = Math.round(v * 100);
        long whole = Math.abs(hundredths) / 100;
        int fraction = (int) (Math.abs(hundredths) % 100);
        StringBuilder out = new StringBuilder(16);
        if (hundredths < 0) {
            out.append('-');
        }
        out.append(whole);
        if (fraction != 0) {
            out.append('.').append(fraction / 10);
            if (fraction % 10 != 0) {
                out.append(fraction % 10);
            }
        }
        return out.toString();
    }

    /** XML text and attribute escaping, for everything that comes from a plan or a page. */
    public static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0 at all; drop them rather than break the page.
                    if (ch >= 0x20 || ch == '\n' || ch == '\t') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String c(double v) {
        return number(Math.round(v * 10) / 10.0);
    }
}
