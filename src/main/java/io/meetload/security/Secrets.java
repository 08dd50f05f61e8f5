package io.meetload.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Comparing and signing with secrets: in constant time, and never printing them. */
public final class Secrets {

    private Secrets() {
    }

    /**
     * Whether two secrets are equal, in time that does not depend on where they differ nor on
     * their lengths (both are hashed first). Null is never equal to anything.
     */
    public static boolean same(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)),
                sha256(expected.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lower-case hex of HMAC-SHA256(key, data). */
    public static String hmacSha256Hex(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
