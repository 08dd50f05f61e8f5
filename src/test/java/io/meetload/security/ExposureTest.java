package io.meetload.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExposureTest {

    @Test
    void withoutATokenOnlyLoopbackMayListen() {
        assertEquals(List.of(), Exposure.problems(Optional.empty(), "127.0.0.1"));
        assertEquals(List.of(), Exposure.problems(Optional.empty(), "localhost"));
        assertEquals(List.of(), Exposure.problems(Optional.empty(), "::1"));
        List<String> open = Exposure.problems(Optional.empty(), "0.0.0.0");
        assertEquals(1, open.size());
        assertTrue(open.get(0).startsWith("meetload.api.token (MEETLOAD_API_TOKEN) is not set while the HTTP server listens on 0.0.0.0"
                + " (quarkus.http.host), not on loopback alone"), open.get(0));
        assertTrue(open.get(0).contains("QUARKUS_HTTP_HOST=127.0.0.1"), open.get(0));
    }

    @Test
    void withATokenAnyHostMayListenButNotWithABlankOne() {
        assertEquals(List.of(), Exposure.problems(Optional.of("s3cr3t-0123456789abcdef"), "0.0.0.0"));
        assertEquals(List.of("meetload.api.token (MEETLOAD_API_TOKEN): must not be blank"),
                Exposure.problems(Optional.of("  "), "0.0.0.0"));
    }

    @Test
    void aHostWithALineBreakIsShownEscaped() {
        String problem = Exposure.problems(Optional.empty(), "0.0.0.0\nINFO forged").get(0);
        assertTrue(problem.contains("0.0.0.0\\nINFO forged"), problem);
    }
}
