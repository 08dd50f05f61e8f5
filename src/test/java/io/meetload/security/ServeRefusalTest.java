package io.meetload.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve} with its API open to the network and no token refuses to start, saying why, before
 * the HTTP server opens its socket. The host is a documentation address no interface has: were
 * the check ever to let it through, binding it would fail rather than open anything.
 */
@QuarkusMainTest
@TestProfile(ServeRefusalTest.Exposed.class)
class ServeRefusalTest {

    public static class Exposed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of(
                        "quarkus.http.host", "192.0.2.10",
                        "meetload.data-dir", Files.createTempDirectory("meetload-serve-refusal").toString(),
                        "meetload.api.allowed-targets", "localhost,https://meet.example.org",
                        "meetload.webhooks.urls", "https://ci.example.org/hooks/meetload");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void serveRefusesAnOpenApiAndSaysWhy(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("serve");
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertNotEquals(0, result.exitCode(), output);
        assertTrue(output.contains("meetload coordinator refuses to start:"), output);
        assertTrue(output.contains("meetload.api.token (MEETLOAD_API_TOKEN) is not set while the HTTP server listens on 192.0.2.10"
                + " (quarkus.http.host), not on loopback alone"), output);
        assertTrue(output.contains("meetload.api.allowed-targets: each entry must be a host name, a *.wildcard, an IP address or"
                + " a CIDR range; a URL is not an entry, give its host, was \"https://meet.example.org\""), output);
        assertTrue(output.contains("meetload.webhooks.secret (MEETLOAD_WEBHOOKS_SECRET) is not set while meetload.webhooks.urls is"), output);
        assertTrue(!output.contains("meetload coordinator on port"), "the coordinator must not have started: " + output);
    }
}
