package io.meetload.report;

import io.meetload.verdict.Verdict;
import io.meetload.verdict.VerdictInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    static final String PLAN_XSS = "<script>alert(1)</script>";
    static final String ROOM_XSS = "\"><img src=x onerror=alert(1)>";

    private final HtmlReport report = HtmlReport.standalone();

    @Test
    void showsTheStatusTheReasonsAndThreeChartsWithoutABridge() {
        OriginalLoadTest run = OriginalLoadTest.standard();
        VerdictInput input = run.input();

        String html = report.render(run.verdict(input), input);

        assertTrue(html.contains("data-status=\"INCONCLUSIVE\">INCONCLUSIVE</div>"), html);
        assertTrue(html.contains(OriginalLoadTest.FIRST_REASON));
        assertEquals(List.of("participants", "cpu", "bitrate"), all(html, "data-chart=\"([^\"]+)\""));
        assertTrue(html.contains("data-ref=\"saturation\""));
        for (int i = 0; i < 6; i++) {
            assertTrue(html.contains("data-series=\"i" + i + "\""), "series i" + i);
        }
        assertTrue(html.contains("data-series=\"MEDIA_FLOWING\"") && html.contains("data-series=\"DROPPED\"")
                && html.contains("data-series=\"LEFT\""));
        assertTrue(html.contains("data-series=\"i3-p1\""));
        assertTrue(html.contains("2-CPU instances hold 1 participant"));
    }

    @Test
    void drawsTheBridgeStressWhenTheBridgeWasRead() {
        OriginalLoadTest run = new OriginalLoadTest("12p-10cam-30min", "loadtest-12p", true, "kicked");
        VerdictInput input = run.input();

        String html = report.render(run.verdict(input), input);

        assertEquals(List.of("participants", "cpu", "bitrate", "bridge-stress"), all(html, "data-chart=\"([^\"]+)\""));
        assertTrue(html.contains("LOSS_RATIO: no series matched jitsi_jvb_loss_rate{job=&quot;jvb&quot;}"), html);
    }

    @Test
    void escapesEveryTextFromThePlanAndThePages() {
        OriginalLoadTest run = new OriginalLoadTest(PLAN_XSS, ROOM_XSS, true, ROOM_XSS + PLAN_XSS);
        run.extraWarnings.add(new Verdict.Reason("<b>KIND</b>", Verdict.Attribution.HARNESS, null, ROOM_XSS, null,
                null, PLAN_XSS));
        VerdictInput input = run.input();

        String html = report.render(run.verdict(input), input);

        assertFalse(html.contains(PLAN_XSS), "plan name unescaped");
        assertFalse(html.contains(ROOM_XSS), "room unescaped");
        assertFalse(html.contains("<b>KIND"), "reason kind unescaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(html).find(), "a script tag");
        assertFalse(Pattern.compile("<[^>]*\\s(on\\w+|src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "an element with an event handler or a fetched resource");
    }

    @Test
    void namesTheInstancesThatSentNoReport() {
        OriginalLoadTest run = OriginalLoadTest.standard();
        VerdictInput full = run.input();
        java.util.Map<Integer, io.meetload.instance.InstanceReport> reports = new java.util.TreeMap<>(full.reports());
        reports.remove(5);
        VerdictInput input = new VerdictInput(full.runId(), full.plan(), full.startedAt(), full.endedAt(), reports,
                full.facts(), full.cancelled(), full.bridge());

        String html = report.render(run.verdict(input), input);

        assertTrue(html.contains("No report from instance 5: its participants and samples are missing here."));
        assertFalse(html.contains("data-series=\"i5\""));
    }

    static List<String> all(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void theShortPageNamesTheStatusTheReasonsAndWhyEscaped() {
        OriginalLoadTest run = OriginalLoadTest.standard();
        io.meetload.verdict.Verdict verdict = run.verdict(run.input());

        String html = HtmlReport.fallback(verdict, "java.lang.OutOfMemoryError: <Java heap space>");

        org.junit.jupiter.api.Assertions.assertTrue(html.contains(verdict.run() + ": " + verdict.status()), html);
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("java.lang.OutOfMemoryError: &lt;Java heap space&gt;"), html);
        org.junit.jupiter.api.Assertions.assertFalse(verdict.reasons().isEmpty(), "the premise: the seed has reasons");
        for (io.meetload.verdict.Verdict.Reason reason : verdict.reasons()) {
            org.junit.jupiter.api.Assertions.assertTrue(html.contains(SvgChart.xml(reason.message())), reason.message());
        }
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("<script"), html);
    }
}
