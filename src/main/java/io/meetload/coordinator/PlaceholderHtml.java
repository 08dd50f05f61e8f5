package io.meetload.coordinator;

import io.meetload.verdict.Verdict;

/**
 * PLACEHOLDER until io.meetload.report.HtmlReport is in: a bare page with the status and the
 * reasons, so that a run always leaves a report.html behind.
 */
final class PlaceholderHtml {

    private PlaceholderHtml() {
    }

    static String render(Verdict verdict) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>meetload ").append(escape(verdict.run())).append("</title></head><body>\n")
                .append("<h1>").append(escape(verdict.run())).append(": ").append(verdict.status()).append("</h1>\n<ul>\n");
        for (Verdict.Reason reason : verdict.reasons()) {
            html.append("<li>").append(escape(reason.kind())).append(": ").append(escape(reason.message())).append("</li>\n");
        }
        return html.append("</ul>\n</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
