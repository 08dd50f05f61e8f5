package io.meetload.chatops;

import io.meetload.coordinator.ApiProblem;
import io.meetload.security.Secrets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Slack's request signing, v0: {@code v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body))}
 * in X-Slack-Signature, the timestamp in X-Slack-Request-Timestamp. The raw bytes are what is
 * signed (not the form as decoded), the compare is constant-time, and a timestamp further than
 * the allowed skew from now (either way) is refused: an old signed request cannot be replayed later.
 */
final class SlackSignature {

    static final String SIGNATURE = "X-Slack-Signature";
    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern V0 = Pattern.compile("v0=[0-9a-f]{64}");

    private SlackSignature() {
    }

    /** Throws a 401 ApiProblem that says why unless the request is signed with {@code secret} and fresh. */
    static void verify(String secret, String timestamp, String signature, byte[] body, Instant now, Duration skew) {
        if (signature == null || signature.isBlank()) {
            throw refused(SIGNATURE + ": missing");
        }
        if (timestamp == null || timestamp.isBlank()) {
            throw refused(TIMESTAMP + ": missing");
        }
        if (!SECONDS.matcher(timestamp).matches()) {
            throw refused(TIMESTAMP + ": must be whole seconds since 1970, was not a number");
        }
        long age = now.getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(age) > skew.toSeconds()) {
            throw refused(TIMESTAMP + ": must be within " + skew.toMinutes() + " minutes of now, was "
                    + Math.abs(age) + "s " + (age > 0 ? "old (a stale or replayed request)" : "in the future"));
        }
        if (!V0.matcher(signature).matches()) {
            throw refused(SIGNATURE + ": must be v0= and 64 lower-case hex digits");
        }
        if (!Secrets.same(signature, sign(secret, timestamp, body))) {
            throw refused(SIGNATURE + ": does not match the request (wrong signing secret, or the body or timestamp was changed)");
        }
    }

    /** The signature Slack sends for this timestamp and body. */
    static String sign(String secret, String timestamp, byte[] body) {
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v0=" + Secrets.hmacSha256Hex(secret, signed);
    }

    private static ApiProblem refused(String why) {
        return new ApiProblem(401, why);
    }
}
