package io.meetload.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostAllowListTest {

    private static final HostAllowList DEFAULT = HostAllowList.parse("meetload.api.allowed-targets",
            List.of("127.0.0.0/8", "localhost", "::1"));
    private static final HostAllowList SITE = HostAllowList.parse("meetload.api.allowed-targets",
            List.of("meet.example.org", "*.lab.example.org", "10.20.0.0/16", "fd00::/8", " 192.0.2.7 "));

    @ParameterizedTest(name = "default list allows {0}")
    @CsvSource({"http://127.0.0.1:8088/janus", "http://127.9.8.7/", "https://localhost/", "https://LOCALHOST./",
            "http://[::1]:8088/janus", "http://[::ffff:127.0.0.1]/", "http://[0:0:0:0:0:0:0:1]/"})
    void loopbackIsAllowedByDefault(String url) {
        assertTrue(DEFAULT.allows(URI.create(url)), url);
    }

    @ParameterizedTest(name = "default list refuses {0}")
    @CsvSource({"https://meet.example.org/", "http://10.0.0.1/", "http://0.0.0.0/", "http://[::]/",
            "http://127.0.0.1.nip.io/", "http://localhost.example.org/", "http://2130706433/", "http://0x7f.0.0.1/",
            "http://017700000001/", "http://0177.0.0.1/", "http://[::ffff:10.0.0.1]/", "http://[::2]/",
            "http://169.254.169.254/latest/meta-data/"})
    void everythingElseIsRefusedByDefault(String url) {
        assertFalse(DEFAULT.allows(URI.create(url)), url);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"meet.example.org, true", "MEET.example.org, true", "other.example.org, false", "example.org, false",
            "a.lab.example.org, true", "b.a.lab.example.org, true", "lab.example.org, false", "evil-lab.example.org, false",
            "lab.example.org.evil.com, false", "10.20.3.4, true", "10.21.0.1, false", "[fd12::1], true", "fd12::1, true",
            "[fe80::1], false", "192.0.2.7, true", "192.0.2.8, false", "[::ffff:10.20.0.9], true"})
    void namesWildcardsAndRangesMatchLiterally(String host, boolean allowed) {
        assertEquals(allowed, SITE.allowsHost(host), host);
    }

    @Test
    void aUrlWithoutHostIsRefused() {
        assertFalse(DEFAULT.allows(URI.create("file:///etc/passwd")));
        assertFalse(DEFAULT.allows(URI.create("javascript:alert(1)")));
    }

    @ParameterizedTest(name = "entry {0} is refused")
    @CsvSource({"'10.0.0.0/33', 'the prefix length must be at most 32'", "'10.0.0/8', 'a range is an address'",
            "'*.', 'a wildcard is *. and a host name'", "'*', 'not a valid host name'", "'exa mple.org', 'not a valid host name'",
            "'http://x.org', 'a URL is not an entry, give its host'", "'::1/129', 'the prefix length must be at most 128'"})
    void aBrokenEntryNamesTheSettingAndTheEntry(String entry, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostAllowList.parse("meetload.api.allowed-targets", List.of("localhost", entry)));
        assertTrue(e.getMessage().startsWith("meetload.api.allowed-targets: each entry must be a host name"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().endsWith(", was \"" + entry + "\""), e.getMessage());
    }

    @Test
    void loopbackHostsForTheStartupCheck() {
        for (String host : List.of("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2")) {
            assertTrue(Exposure.loopbackOnly(host), host);
        }
        for (String host : List.of("0.0.0.0", "::", "10.0.0.1", "meetload.example.org", "", "localhost.example.org")) {
            assertFalse(Exposure.loopbackOnly(host), host);
        }
    }
}
