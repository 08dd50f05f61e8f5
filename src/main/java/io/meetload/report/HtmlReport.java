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
