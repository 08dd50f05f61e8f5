package io.meetload.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** A coordinator with closed reads and a rate limit small enough to reach in a test. */
public class LimitsTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Map<String, String> config = new HashMap<>();
            config.put("meetload.data-dir", Files.createTempDirectory("meetload-limits-test").toString());
            config.put("meetload.coordinator.auto-start", "true");
            config.put("meetload.local.command", "sh,-c,sleep 300 & wait");
            config.put("meetload.api.token", SecureTestProfile.API_TOKEN);
            config.put("meetload.api.open-reads", "false");
            config.put("meetload.api.requests-per-minute", "3");
            config.put("meetload.chatops.slack.signing-secret", SecureTestProfile.SLACK_SECRET);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
