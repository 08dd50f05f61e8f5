package io.meetload.security;

import io.meetload.testing.LocalReceiver;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A coordinator as it runs exposed: an API token, Slack and Mattermost secrets, signed webhooks
 * to a local receiver, presets on disk; workers are idle processes (tests post reports themselves).
 */
public class SecureTestProfile implements QuarkusTestProfile {

    public static final String API_TOKEN = "test-api-token-7d2a9c41e0f34b5a";
    public static final String SLACK_SECRET = "test-slack-signing-secret-3e5b8c1d";
    public static final String MATTERMOST_TOKEN = "test-mattermost-token-4f6a0e9f";
    public static final String WEBHOOK_SECRET = "test-webhook-secret-2b3a4c5d";

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path data = Files.createTempDirectory("meetload-secure-test");
            writePresets(data.resolve("presets"));
            Map<String, String> config = new HashMap<>();
            config.put("meetload.data-dir", data.toString());
            config.put("meetload.coordinator.auto-start", "true");
            config.put("meetload.coordinator.check-interval", "0.2s");
            config.put("meetload.coordinator.heartbeat-timeout", "2s");
            config.put("meetload.coordinator.deadline-grace", "1s");
            config.put("meetload.coordinator.persist-interval", "0s");
            config.put("meetload.local.command", "sh,-c,sleep 300 & wait");
            config.put("meetload.local.stop-grace", "3s");
            config.put("meetload.api.token", API_TOKEN);
            // The corpus sends more requests in a minute than the default allows; LimitsTest checks the limit.
            config.put("meetload.api.requests-per-minute", "100000");
            config.put("meetload.chatops.slack.signing-secret", SLACK_SECRET);
            config.put("meetload.chatops.mattermost.token", MATTERMOST_TOKEN);
            config.put("meetload.chatops.response-url-hosts", "hooks.slack.com,127.0.0.1");
            config.put("meetload.webhooks.urls", "http://127.0.0.1:" + LocalReceiver.webhookPort() + "/hook");
            config.put("meetload.webhooks.secret", WEBHOOK_SECRET);
            config.put("meetload.webhooks.backoff", "0.2s");
            config.put("meetload.webhooks.timeout", "3s");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writePresets(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("demo.json"), """
                {
                  "schema": 1, "name": "demo",
                  "target": { "driver": "janus", "url": "http://127.0.0.1:8088/janus", "room": 1234 },
                  "participants": 2, "instances": 1, "videoSenders": 1, "audioSenders": 1,
                  "duration": "PT10M", "rampUp": "PT1S", "instanceSize": { "cpu": "1", "memory": "2Gi" }
                }
                """);
        Files.writeString(dir.resolve("offsite.json"), """
                { "schema": 1, "name": "offsite",
                  "target": { "driver": "jitsi", "url": "https://meet.example.org", "room": "loadtest" },
                  "participants": 2, "duration": "PT10M" }
                """);
        Files.writeString(dir.resolve("script.json"), """
                { "schema": 1, "name": "script",
                  "target": { "driver": "jitsi", "url": "javascript:alert(1)", "room": "loadtest" },
                  "participants": 2, "duration": "PT10M" }
                """);
        Files.writeString(dir.resolve("notjson.json"), "{ nope");
    }
}
