package io.meetload.chatops;

import io.meetload.coordinator.ApiProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slack's own published example (a self-made vector would only prove we agree with ourselves). */
class SlackSignatureTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant THEN = Instant.ofEpochSecond(1531420618L);
    private static final Duration SKEW = Duration.ofMinutes(5);

    private static String refusal(String secret, String timestamp, String signature, byte[] body, Instant now) {
        ApiProblem p = assertThrows(ApiProblem.class, () -> SlackSignature.verify(secret, timestamp, signature, body, now, SKEW));
        assertEquals(401, p.status());
        return p.getMessage();
    }

    @Test
    void slacksPublishedExampleVerifies() {
        assertEquals(SIGNATURE, SlackSignature.sign(SECRET, TIMESTAMP, BODY));
        assertDoesNotThrow(() -> SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN, SKEW));
        assertDoesNotThrow(() -> SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(300), SKEW));
        assertDoesNotThrow(() -> SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.minusSeconds(300), SKEW));
    }

    @Test
    void moreThanFiveMinutesEitherWayIsRefused() {
        assertEquals("X-Slack-Request-Timestamp: must be within 5 minutes of now, was 301s old (a stale or replayed request)",
                refusal(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(301)));
        assertEquals("X-Slack-Request-Timestamp: must be within 5 minutes of now, was 301s in the future",
                refusal(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.minusSeconds(301)));
    }

    @Test
    void aChangedByteSecretOrTimestampIsRefused() {
        String mismatch = "X-Slack-Signature: does not match the request (wrong signing secret, or the body or timestamp was changed)";
        byte[] changed = BODY.clone();
        changed[changed.length - 1] = 'd';
        assertEquals(mismatch, refusal(SECRET, TIMESTAMP, SIGNATURE, changed, THEN));
        assertEquals(mismatch, refusal("another-secret", TIMESTAMP, SIGNATURE, BODY, THEN));
        assertEquals(mismatch, refusal(SECRET, "1531420619", SIGNATURE, BODY, THEN));
        // The same form with a space written as + instead of %20: the raw bytes are what is signed.
        byte[] spaced = "text=run%20demo".getBytes(StandardCharsets.UTF_8);
        String signed = SlackSignature.sign(SECRET, TIMESTAMP, spaced);
        assertEquals(mismatch, refusal(SECRET, TIMESTAMP, signed, "text=run+demo".getBytes(StandardCharsets.UTF_8), THEN));
    }

    @Test
    void missingAndMalformedHeadersAreNamed() {
        assertEquals("X-Slack-Signature: missing", refusal(SECRET, TIMESTAMP, null, BODY, THEN));
        assertEquals("X-Slack-Request-Timestamp: missing", refusal(SECRET, null, SIGNATURE, BODY, THEN));
        assertEquals("X-Slack-Request-Timestamp: must be whole seconds since 1970, was not a number",
                refusal(SECRET, "1531420618.5", SIGNATURE, BODY, THEN));
        String format = "X-Slack-Signature: must be v0= and 64 lower-case hex digits";
        assertEquals(format, refusal(SECRET, TIMESTAMP, "v1=" + SIGNATURE.substring(3), BODY, THEN));
        assertEquals(format, refusal(SECRET, TIMESTAMP, SIGNATURE.toUpperCase(), BODY, THEN));
        assertEquals(format, refusal(SECRET, TIMESTAMP, SIGNATURE.substring(0, 40), BODY, THEN));
    }

    @Test
    void theSameSignatureIsTakenOnceWithinTheWindow() {
        ReplayGuard guard = new ReplayGuard(SKEW);
        assertTrue(guard.firstTime(SIGNATURE, THEN));
        assertFalse(guard.firstTime(SIGNATURE, THEN.plusSeconds(299)));
        assertTrue(guard.firstTime("v0=other", THEN.plusSeconds(299)));
        // Past twice the window the timestamp check refuses it anyway, so it may be forgotten.
        assertTrue(guard.firstTime(SIGNATURE, THEN.plusSeconds(601)));
    }
}
