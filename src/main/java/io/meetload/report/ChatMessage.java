package io.meetload.report;

import io.meetload.verdict.Verdict;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A verdict as a short chat message in Slack mrkdwn: the status, the plan, the first reason,
 * who joined and dropped, the capacity advice and a link to the report. Always under
 * {@link #MAX_LENGTH} characters; text from the plan or the pages has Slack's control characters
 * escaped, so it can neither break the link nor ping anyone.
 */
public final class ChatMessage {

    public static final int MAX_LENGTH = 1000;
    static final int MAX_URL_LENGTH = 400;
    private static final int MAX_PLAN_LENGTH = 80;

    private ChatMessage() {
    }

    /** @param reportUrl where the HTML report is; null leaves the link out */
    public static String of(Verdict verdict, URI reportUrl) {
        String url = reportUrl == null ? null : reportUrl.toASCIIString();
        if (url != null && url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("reportUrl: must be at most " + MAX_URL_LENGTH
                    + " characters, was " + url.length());
        }
        List<Verdict.ParticipantSummary> ps = verdict.participants() == null ? List.of() : verdict.participants();
        long joined = ps.stream().filter(p -> p.joinedAt() != null).count();
        long dropped = ps.stream().filter(ReportViews::dropped).count();

        String head = "*" + verdict.status().name() + "* " + fit(verdict.plan(), MAX_PLAN_LENGTH)
                + (verdict.run() == null ? "" : " (run " + fit(verdict.run(), 60) + ")");
        String counts = "Participants: " + joined + " of " + ps.size() + " joined, " + dropped + " dropped";
        String link = url == null ? null : "<" + url + "|report>";

        String first = firstWords(verdict);
        String advice = verdict.capacity() == null || verdict.capacity().advice() == null
                ? null : verdict.capacity().advice();
        int fixed = head.length() + counts.length() + (link == null ? 0 : link.length() + 1) + 2;
        // What is left goes to the reason first (it says why), then to the advice.
        int budget = MAX_LENGTH - 1 - fixed - "> ".length() - "Capacity: ".length() - 2;
        int reasonBudget = advice == null ? budget : Math.max(40, budget * 3 / 5);
        String reasonLine = "> " + fit(first, reasonBudget);
        String adviceLine = advice == null ? null
                : "Capacity: " + fit(advice, Math.max(0, budget - reasonLine.length() + 2));

        List<String> lines = new ArrayList<>();
        lines.add(head);
        lines.add(reasonLine);
        lines.add(counts);
        if (adviceLine != null && adviceLine.length() > "Capacity: ".length()) {
            lines.add(adviceLine);
        }
        if (link != null) {
            lines.add(link);
        }
        return String.join("\n", lines);
    }

    private static String firstWords(Verdict verdict) {
        if (verdict.reasons() != null && !verdict.reasons().isEmpty()) {
            Verdict.Reason r = verdict.reasons().get(0);
            int more = verdict.reasons().size() - 1;
            return r.message() + (more > 0 ? " (+" + more + " more)" : "");
        }
        if (verdict.warnings() != null && !verdict.warnings().isEmpty()) {
            return "Warning: " + verdict.warnings().get(0).message();
        }
        return ReportViews.meaning(verdict.status());
    }

    /** Escapes and, when too long, cuts before escaping so no entity is split, ending with an ellipsis. */
    static String fit(String raw, int max) {
        String text = raw == null ? "" : raw.replaceAll("\\s+", " ").strip();
        String escaped = escape(text);
        if (escaped.length() <= max) {
            return escaped;
        }
        int n = Math.min(text.length(), Math.max(0, max - 1));
        while (n > 0 && escape(text.substring(0, n)).length() + 1 > max) {
            n--;
        }
        if (n > 0 && Character.isHighSurrogate(text.charAt(n - 1))) {
            n--;
        }
        return n == 0 ? "" : escape(text.substring(0, n)) + "…";
    }

    /** Slack's three control characters; everything else is shown as typed. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
