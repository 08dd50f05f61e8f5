package io.meetload.report;

import io.meetload.report.SvgChart.Point;
import io.meetload.report.SvgChart.Reference;
import io.meetload.report.SvgChart.Series;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartTest {

    private static final String HOSTILE = "<script>alert(1)</script>\"'&";

    @Test
    void drawsOneGroupPerSeriesWithItsPointsAndALegendEntry() throws Exception {
        Document svg = parse(SvgChart.builder("cpu")
                .title("CPU")
                .xSpanSeconds(1860)
                .series(new Series("i0", "#111111", false, List.of(new Point(0, 0.2), new Point(60, 0.4), new Point(120, 0.5))))
                .series(new Series("i1", "#222222", false, List.of(new Point(0, 0.3), new Point(60, 0.9))))
                .build().toSvg());

        Element root = svg.getDocumentElement();
        assertEquals("cpu", root.getAttribute("data-chart"));
        assertEquals(3, polyline(svg, "i0").getAttribute("points").split(" ").length);
        assertEquals(2, polyline(svg, "i1").getAttribute("points").split(" ").length);
        assertEquals(List.of("i0", "i1"), attributes(svg, "data-legend"));
    }

    @Test
    void timeTicksReadAsMinutesAndSecondsSinceRunStart() throws Exception {
        Document svg = parse(SvgChart.builder("t").xSpanSeconds(1860)
                .series(new Series("a", "#000", false, List.of(new Point(0, 1), new Point(1860, 2))))
                .build().toSvg());

        List<String> ticks = texts(svg, "x-axis");
        assertTrue(ticks.containsAll(List.of("00:00", "05:00", "10:00", "30:00")), ticks.toString());
        assertFalse(ticks.contains("35:00"), ticks.toString());
    }

    @Test
    void referenceLinesCarryTheirLabelAndStretchTheAxisToShowThem() throws Exception {
        Document svg = parse(SvgChart.builder("cpu").yFormat(ReportCharts::percent).xSpanSeconds(600)
                .series(new Series("i0", "#000", false, List.of(new Point(0, 0.2), new Point(600, 0.3))))
                .reference(new Reference("saturation", 0.9, "saturation (90 %)", "#d62728"))
                .build().toSvg());

        Element ref = group(svg, "data-ref", "saturation");
        assertEquals("saturation (90 %)", ref.getElementsByTagName("text").item(0).getTextContent());
        List<String> yTicks = texts(svg, "y-axis");
        assertTrue(yTicks.contains("80 %") && yTicks.stream().anyMatch(t -> t.equals("100 %")), yTicks.toString());
    }

    @Test
    void aStepSeriesHoldsEachValueUntilTheNextPoint() throws Exception {
        Document svg = parse(SvgChart.builder("p").xSpanSeconds(100)
                .series(new Series("JOINED", "#000", true, List.of(new Point(0, 0), new Point(50, 12), new Point(100, 10))))
                .build().toSvg());

        // 3 points plus one corner before each change.
        String[] points = polyline(svg, "JOINED").getAttribute("points").split(" ");
        assertEquals(5, points.length);
        assertEquals(points[1].split(",")[0], points[2].split(",")[0], "the corner sits at the x of the change");
        assertEquals(points[0].split(",")[1], points[1].split(",")[1], "the corner keeps the previous y");
    }

    @Test
    void missingValuesBreakTheLine() throws Exception {
        Document svg = parse(SvgChart.builder("b").xSpanSeconds(100)
                .series(new Series("p", "#000", false, List.of(new Point(0, 1), new Point(10, 2), new Point(20, Double.NaN),
                        new Point(30, 2), new Point(40, 3), new Point(50, Double.NaN), new Point(60, 4))))
                .build().toSvg());

        Element g = group(svg, "data-series", "p");
        assertEquals(2, g.getElementsByTagName("polyline").getLength());
        assertEquals(1, g.getElementsByTagName("circle").getLength(), "a lone point is a dot");
    }

    @Test
    void escapesEveryLabelAndStaysWellFormed() throws Exception {
        String text = SvgChart.builder(HOSTILE).title(HOSTILE).yLabel(HOSTILE).xSpanSeconds(60)
                .series(new Series(HOSTILE, "#000", false, List.of(new Point(0, 1), new Point(60, 2))))
                .reference(new Reference(HOSTILE, 1.5, HOSTILE, "#f00"))
                .build().toSvg();

        assertFalse(text.contains("<script"), text);
        assertTrue(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"));
        Document svg = parse(text);
        assertEquals(HOSTILE, svg.getDocumentElement().getAttribute("data-chart"));
        assertEquals(HOSTILE, group(svg, "data-series", HOSTILE).getAttribute("data-series"));
    }

    @Test
    void niceStepsAndMinutes() {
        assertEquals(0.2, SvgChart.niceStep(0.2));
        assertEquals(0.5, SvgChart.niceStep(0.31));
        assertEquals(500.0, SvgChart.niceStep(310));
        assertEquals(1.0, SvgChart.niceStep(0));
        assertEquals("62:05", SvgChart.mmss(3725));
        assertEquals("-00:05", SvgChart.mmss(-5));
        assertEquals("", SvgChart.xml(null));
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element polyline(Document svg, String series) {
        NodeList lines = group(svg, "data-series", series).getElementsByTagName("polyline");
        assertEquals(1, lines.getLength(), series);
        return (Element) lines.item(0);
    }

    private static Element group(Document svg, String attribute, String value) {
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (value.equals(g.getAttribute(attribute))) {
                return g;
            }
        }
        throw new AssertionError("no <g " + attribute + "=\"" + value + "\">");
    }

    private static List<String> attributes(Document svg, String attribute) {
        List<String> values = new ArrayList<>();
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.hasAttribute(attribute)) {
                values.add(g.getAttribute(attribute));
            }
        }
        return values;
    }

    private static List<String> texts(Document svg, String axisClass) {
        List<String> out = new ArrayList<>();
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").contains(axisClass)) {
                NodeList texts = g.getElementsByTagName("text");
                for (int t = 0; t < texts.getLength(); t++) {
                    out.add(texts.item(t).getTextContent());
                }
            }
        }
        return out;
    }

    @Test
    void numbersHaveAtMostTwoDecimalsAndNoTrailingZeros() {
        // Same digits as "%.2f" with trailing zeros dropped, for the values a chart draws.
        java.util.Map<Double, String> expected = new java.util.LinkedHashMap<>();
        expected.put(0.0, "0");
        expected.put(42.0, "42");
        expected.put(-7.0, "-7");
        expected.put(1.5, "1.5");
        expected.put(1.25, "1.25");
        expected.put(2.004, "2");
        expected.put(0.07, "0.07");
        expected.put(-0.5, "-0.5");
        expected.put(-12.345678, "-12.35");
        expected.put(1234.567, "1234.57");
        expected.put(99.999, "100");
        expected.put(3.1e14 + 0.5, "310000000000000.50".replaceAll("0+$", ""));
        expected.forEach((v, text) -> assertEquals(text, SvgChart.number(v), "number(" + v + ")"));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(9));
            String reference = String.format(java.util.Locale.ROOT, "%.2f", v).replaceAll("0+$", "")
                    .replaceAll("\\.$", "");
            if (reference.equals("-0")) {
                reference = "0";
            }
            assertEquals(reference, SvgChart.number(v), "number(" + v + ")");
        }
    }
}
