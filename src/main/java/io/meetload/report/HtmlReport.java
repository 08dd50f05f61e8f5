package io.meetload.report;

import io.meetload.verdict.Verdict;
import io.meetload.verdict.VerdictInput;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A verdict as one self-contained HTML page: inline CSS and SVG charts, no script, nothing
 * fetched, so it reads offline and from a chat attachment. Every text that came from a plan or a
 * page is escaped (Qute escapes in .html templates, {@link SvgChart} in the charts).
 */
@Singleton
public class HtmlReport {

    static final String TEMPLATE = "report.html";

    private final Template template;

    @Inject
    public HtmlReport(Engine engine) {
        this(engine.getTemplate(TEMPLATE));
    }

    private HtmlReport(Template template) {
        if (template == null) {
            throw new IllegalStateException("template " + TEMPLATE + ": not found under templates/");
        }
        this.template = template;
    }

    /** Outside CDI (a plain main or a unit test): a Qute engine of its own that escapes HTML as Quarkus's does. */
    public static HtmlReport standalone() {
        Engine engine = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .build();
        return new HtmlReport(engine.parse(readTemplate(), Variant.forContentType(Variant.TEXT_HTML), TEMPLATE));
    }

    public String render(Verdict verdict, VerdictInput input) {
        return template.data("report", ReportViews.of(verdict, input)).render();
    }

    /**
     * The page when the full one cannot be drawn (say the heap is too small for a run's charts):
     * the verdict's status and reasons, what went wrong, and where the verdict JSON is. The run
     * still ends with it, rather than never.
     */
    public static String fallback(Verdict verdict, String why) {
        StringBuilder page = new StringBuilder(1024);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>meetload ")
                .append(SvgChart.xml(verdict.run())).append(": ").append(verdict.status())
                .append("</title></head>\n<body>\n<h1>").append(SvgChart.xml(verdict.run())).append(": ")
                .append(verdict.status()).append("</h1>\n<p>The full report could not be drawn: ")
                .append(SvgChart.xml(why)).append(". The verdict itself is complete: <code>verdict.json</code> ")
                .append("beside this page, or <code>GET /api/runs/").append(SvgChart.xml(verdict.run()))
                .append("/verdict</code>.</p>\n<ul>\n");
        for (Verdict.Reason reason : verdict.reasons()) {
            page.append("<li>").append(SvgChart.xml(reason.kind())).append(": ")
                    .append(SvgChart.xml(reason.message())).append("</li>\n");
        }
        return page.append("</ul>\n</body></html>\n").toString();
    }

    private static String readTemplate() {
        String path = "templates/" + TEMPLATE;
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template " + path + ": not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("template " + path + ": " + e.getMessage(), e);
        }
    }
}
