package io.meetload.report;

import io.meetload.verdict.Verdict;
import io.meetload.verdict.VerdictInput;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatMessageTest {

    private static final URI REPORT = URI.create("http://127.0.0.1:8080/api/runs/r-20261204-1432-7f3a/report.html");

    @Test
    void summarisesTheOriginalLoadTest() {
        OriginalLoadTest run = OriginalLoadTest.standard();
        String message = ChatMessage.of(run.verdict(run.input()), REPORT);

        List<String> lines = message.lines().toList();
        assertEquals("*INCONCLUSIVE* 12p-10cam-30min (run r-20261204-1432-7f3a)", lines.get(0));
        assertEquals("> " + OriginalLoadTest.FIRST_REASON + " (+1 more)", lines.get(1));
        assertEquals("Participants: 12 of 12 joined, 2 dropped", lines.get(2));
        assertTrue(lines.get(3).startsWith("Capacity: 2-CPU instances hold 1 participant"), lines.get(3));
        assertEquals("<" + REPORT + "|report>", lines.get(4));
        assertTrue(message.length() < ChatMessage.MAX_LENGTH);
    }

    @Test
    void escapesSlackControlCharactersInPlanText() {
        OriginalLoadTest run = new OriginalLoadTest("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
                false, "x");
        Verdict v = run.verdict(run.input());
        Verdict hostile = withText(v, "<!channel> & <http://evil.example|click>", "use <@U123> & more");

        String message = ChatMessage.of(hostile, REPORT);

        assertTrue(message.startsWith("*INCONCLUSIVE* &lt;script&gt;alert(1)&lt;/script&gt;"), message);
        assertTrue(message.contains("&lt;!channel&gt; &amp; &lt;http://evil.example|click&gt;"), message);
        assertTrue(message.contains("use &lt;@U123&gt; &amp; more"), message);
        // The only '<' and '>' left are the report link's own.
        assertEquals(1, message.chars().filter(c -> c == '<').count(), message);
        assertEquals(1, message.chars().filter(c -> c == '>').count() - countQuotes(message), message);
    }

    @Test
    void staysUnderTheLimitWithHugeTextAndNeverCutsAnEntity() {
        OriginalLoadTest run = new OriginalLoadTest("p".repeat(500), "room", false, "x");
        Verdict v = withText(run.verdict(run.input()), "&".repeat(3000), "<".repeat(3000));

        String message = ChatMessage.of(v, URI.create("http://127.0.0.1:8080/" + "r".repeat(350)));

        assertTrue(message.length() < ChatMessage.MAX_LENGTH, "length " + message.length());
        assertFalse(message.matches("(?s).*&(a|am|amp|l|lt)?….*"), "an entity was cut: " + message);
        assertTrue(message.contains("&amp;…"), message);
        assertTrue(message.contains("Capacity: &lt;&lt;"), message);
        assertTrue(message.endsWith("|report>"), message);
    }

    @Test
    void aPassWithoutReasonsSaysWhatItMeansAndTheLinkIsOptional() {
        OriginalLoadTest run = OriginalLoadTest.standard();
        VerdictInput input = run.input();
        Verdict v = run.verdict(input);
        Verdict pass = new Verdict(1, v.run(), v.plan(), Verdict.Status.PASS, v.startedAt(), v.endedAt(), List.of(),
                List.of(), v.participants(), v.instances(), v.capacity(), v.bridge());

        String message = ChatMessage.of(pass, null);

        assertTrue(message.startsWith("*PASS* 12p-10cam-30min"), message);
        assertTrue(message.contains("> Every participant joined and stayed"), message);
        assertFalse(message.contains("|report>"), message);
    }

    @Test
    void refusesAReportUrlThatWouldCrowdOutTheMessage() {
        OriginalLoadTest run = OriginalLoadTest.standard();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChatMessage.of(run.verdict(run.input()), URI.create("http://127.0.0.1/" + "a".repeat(500))));
        assertEquals("reportUrl: must be at most 400 characters, was 517", e.getMessage());
    }

    private static long countQuotes(String message) {
        // Lines starting with "> " are Slack quotes, not control characters.
        return message.lines().filter(l -> l.startsWith("> ")).count();
    }

    private static Verdict withText(Verdict v, String firstReason, String advice) {
        Verdict.Reason r = v.reasons().get(0);
        Verdict.Reason hostile = new Verdict.Reason(r.kind(), r.attribution(), r.instance(), r.participant(), r.at(),
                r.runMinute(), firstReason);
        return new Verdict(v.schema(), v.run(), v.plan(), v.status(), v.startedAt(), v.endedAt(), List.of(hostile),
                v.warnings(), v.participants(), v.instances(),
                new Verdict.Capacity(1.0, 1.0, 1, advice), v.bridge());
    }
}
