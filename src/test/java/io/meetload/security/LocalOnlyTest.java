package io.meetload.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LocalOnlyTest {

    @ParameterizedTest(name = "Host {0}, Origin {1}: taken")
    @CsvSource(nullValues = "-", value = {"localhost:8080, -", "127.0.0.1:8080, -", "127.0.0.1, -", "[::1]:8080, -",
            "LOCALHOST:8080, http://localhost:8080", "127.0.0.1:8080, http://127.0.0.1:8080", "localhost:1, https://[::1]:9"})
    void requestsOfThisMachineAreTaken(String host, String origin) {
        assertNull(LocalOnly.problem(host, origin));
    }

    @ParameterizedTest(name = "Host {0}, Origin {1}: refused")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "evil.example.com | - | Host: must name this machine (localhost, 127.0.0.1, [::1]) while meetload.api.token is not set, was evil.example.com",
            "- | - | Host: must name this machine (localhost, 127.0.0.1, [::1]) while meetload.api.token is not set, was missing",
            "127.0.0.1.nip.io:8080 | - | Host: must name this machine (localhost, 127.0.0.1, [::1]) while meetload.api.token is not set, was 127.0.0.1.nip.io:8080",
            "localhost:8080 | https://evil.example.com | Origin: a page of another site cannot change runs while meetload.api.token is not set, was https://evil.example.com",
            "localhost:8080 | null | Origin: a page of another site cannot change runs while meetload.api.token is not set, was null",
            "localhost:8080 | file:// | Origin: a page of another site cannot change runs while meetload.api.token is not set, was file://"})
    void anotherSiteOrARebindingNameIsRefused(String host, String origin, String message) {
        assertEquals(message, LocalOnly.problem(host, origin));
    }
}
