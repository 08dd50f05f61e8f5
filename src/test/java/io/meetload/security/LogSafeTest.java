package io.meetload.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSafeTest {

    @Test
    void lineBreaksAndControlCharactersCannotForgeALogLine() {
        assertEquals("run demo\\r\\n2026-12-04 INFO [io.meetload] forged", LogSafe.text("run demo\r\n2026-12-04 INFO [io.meetload] forged"));
        assertEquals("a\\u001b[31mb\\u2028c\\u0000", LogSafe.text("a\u001b[31mb\u2028c\u0000"));
        assertEquals("(none)", LogSafe.text(null));
    }

    @Test
    void longTextIsCut() {
        String cut = LogSafe.text("x".repeat(10_000));
        assertEquals(LogSafe.MAX + 3, cut.length());
        assertTrue(cut.endsWith("..."));
        assertEquals("x".repeat(LogSafe.MAX), LogSafe.text("x".repeat(LogSafe.MAX)));
    }
}
