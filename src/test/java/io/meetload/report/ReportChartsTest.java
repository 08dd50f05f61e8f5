package io.meetload.report;

import io.meetload.instance.HostSample;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantInfo;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.plan.RunPlan;
import io.meetload.verdict.VerdictInput;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.meetload.report.OriginalLoadTest.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportChartsTest {

    @Test
    void countsEachParticipantOnceInItsLatestState() throws Exception {
        OriginalLoadTest run = OriginalLoadTest.standard();
        Document svg = SvgChartTest.parse(new ReportCharts(run.input()).participants().toSvg());

        // At the end: 10 left as planned, 2 dropped, nobody still flowing.
        assertEquals(10, lastValue(svg, "LEFT"), 0.01);
        assertEquals(2, lastValue(svg, "DROPPED"), 0.01);
        assertEquals(0, lastValue(svg, "MEDIA_FLOWING"), 0.01);
        assertEquals(12, maxValue(svg, "MEDIA_FLOWING"), 0.01);
    }

    @Test
    void manyInstancesBecomeLowestMedianAndHighest() throws Exception {
        Map<Integer, InstanceReport> reports = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            List<HostSample> host = new ArrayList<>();
            for (int s = 0; s <= 600; s += 10) {
                double ratio = 0.3 + i * 0.02; // instance 0 lowest (0.30), instance 29 highest (0.88)
                host.add(new HostSample(START.plusSeconds(s), ratio * 2, 2.0, ratio, 1, null, 0, 0, 0, 0));
            }
            reports.put(i, new InstanceReport(1, "r", "d", i, 30, START, START.plusSeconds(600), "COMPLETED",
                    List.of(), List.of(), List.of(), host));
        }
        Document svg = SvgChartTest.parse(new ReportCharts(input(30, reports)).cpu().toSvg());

        assertEquals(List.of("lowest", "median", "highest"), seriesNames(svg));
        assertEquals(0.30, maxValue(svg, "lowest"), 0.01);
        assertEquals(0.60, maxValue(svg, "median"), 0.01);
        assertEquals(0.88, maxValue(svg, "highest"), 0.01);
        assertTrue(svg.getDocumentElement().getElementsByTagName("title").item(0).getTextContent()
                .contains("30 instances"));
    }

    @Test
    void aLongLineIsThinnedButKeepsItsDips() throws Exception {
        List<ParticipantSample> samples = new ArrayList<>();
        for (int s = 0; s < 7200; s++) {
            double bps = s == 4000 ? 0 : 1_500_000;
            samples.add(new ParticipantSample(START.plusSeconds(s), "i0-p1", ParticipantState.MEDIA_FLOWING, 1, bps,
                    null, null, null, null, null, null, null, null));
        }
        InstanceReport report = new InstanceReport(1, "r", "d", 0, 1, START, START.plusSeconds(7200), "COMPLETED",
                List.of(new ParticipantInfo("i0-p1", 0, "room", true, true)),
                List.of(new ParticipantEvent(START, "i0-p1", ParticipantState.JOINED, ParticipantState.MEDIA_FLOWING, null, null)),
                samples, List.of());
        Document svg = SvgChartTest.parse(new ReportCharts(input(1, Map.of(0, report))).bitrate().toSvg());

        int points = polyline(svg, "i0-p1").getAttribute("points").split(" ").length;
        assertTrue(points <= ReportCharts.MAX_POINTS + 1, "points " + points);
        assertEquals(0, minValue(svg, "i0-p1"), 0.01);
    }

    private static VerdictInput input(int instances, Map<Integer, InstanceReport> reports) {
        RunPlan p = OriginalLoadTest.standard().plan();
        RunPlan plan = new RunPlan(1, "many", p.target(), 1, instances, 0, 0, instances, Duration.ofMinutes(10),
                Duration.ZERO, p.video(), p.media(), p.instanceSize(), p.thresholds(), Optional.empty());
        Instant end = START.plusSeconds(600);
        return new VerdictInput("r", plan, START, end, reports, Map.of(), Optional.empty(), Optional.empty());
    }

    // Values are read back from pixel positions through the y axis's own tick labels.
    private static double lastValue(Document svg, String series) {
        String[] pts = polyline(svg, series).getAttribute("points").split(" ");
        return value(svg, Double.parseDouble(pts[pts.length - 1].split(",")[1]));
    }

    private static double maxValue(Document svg, String series) {
        double minPy = Double.MAX_VALUE;
        for (String p : polyline(svg, series).getAttribute("points").split(" ")) {
            minPy = Math.min(minPy, Double.parseDouble(p.split(",")[1]));
        }
        return value(svg, minPy);
    }

    private static double minValue(Document svg, String series) {
        double maxPy = -Double.MAX_VALUE;
        for (String p : polyline(svg, series).getAttribute("points").split(" ")) {
            maxPy = Math.max(maxPy, Double.parseDouble(p.split(",")[1]));
        }
        return value(svg, maxPy);
    }

    private static double value(Document svg, double py) {
        double top = SvgChart.TOP;
        double bottom = SvgChart.TOP + SvgChart.PLOT_HEIGHT;
        List<Double> ticks = new ArrayList<>();
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").contains("y-axis")) {
                NodeList texts = g.getElementsByTagName("text");
                for (int t = 0; t < texts.getLength(); t++) {
                    String label = texts.item(t).getTextContent();
                    ticks.add(label.endsWith(" %") ? Double.parseDouble(label.replace(" %", "")) / 100
                            : Double.parseDouble(label));
                }
            }
        }
        double yMin = ticks.get(0);
        double yMax = ticks.get(ticks.size() - 1);
        return yMin + (bottom - py) / (bottom - top) * (yMax - yMin);
    }

    private static List<String> seriesNames(Document svg) {
        List<String> names = new ArrayList<>();
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute("data-series")) {
                names.add(g.getAttribute("data-series"));
            }
        }
        return names;
    }

    private static Element polyline(Document svg, String series) {
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (series.equals(g.getAttribute("data-series"))) {
                return (Element) g.getElementsByTagName("polyline").item(0);
            }
        }
        throw new AssertionError("no series " + series);
    }
}
