package io.meetload.report;

import io.meetload.verdict.VerdictInput;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report inside the application: Quarkus validates the template's expressions at build time
 * and resolves them with generated code, not reflection; this proves both paths render the same.
 */
@QuarkusTest
class HtmlReportCdiTest {

    @Inject
    HtmlReport report;

    @Test
    void rendersInTheApplicationAsStandaloneAndEscapes() {
        OriginalLoadTest run = new OriginalLoadTest(HtmlReportTest.PLAN_XSS, HtmlReportTest.ROOM_XSS, true,
                HtmlReportTest.ROOM_XSS);
        VerdictInput input = run.input();

        String html = report.render(run.verdict(input), input);

        assertEquals(HtmlReport.standalone().render(run.verdict(input), input), html);
        assertTrue(html.contains("data-status=\"INCONCLUSIVE\">INCONCLUSIVE</div>"));
        assertEquals(4, HtmlReportTest.all(html, "data-chart=\"([^\"]+)\"").size());
        assertFalse(html.contains(HtmlReportTest.PLAN_XSS));
        assertFalse(html.contains(HtmlReportTest.ROOM_XSS));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}
