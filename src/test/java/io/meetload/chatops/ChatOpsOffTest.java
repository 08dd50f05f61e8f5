package io.meetload.chatops;

import io.meetload.coordinator.CoordinatorTestProfile;
import io.meetload.security.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without a signing secret or a Mattermost token the endpoint is not there, and the log says why. */
@QuarkusTest
@TestProfile(CoordinatorTestProfile.class)
class ChatOpsOffTest {

    @TestHTTPResource("/")
    URL url;

    @Test
    void withoutSecretsTheEndpointIs404AndTheLogSaysWhy() throws URISyntaxException {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName().startsWith("io.meetload.chatops")) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            byte[] body = Http.command("run demo", null);
            Http.Answer answer = Http.post(url.toURI().resolve("/api/chatops/slack"),
                    Http.slack("any-secret", System.currentTimeMillis() / 1000, body), body);
            assertEquals(404, answer.status(), answer.body());
            assertEquals("not found: chat-ops is off on this coordinator (its log says why)", answer.message());
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        LogRecord why = records.stream().filter(r -> r.getLevel() == org.jboss.logmanager.Level.WARN || r.getLevel() == Level.WARNING)
                .findFirst().orElseThrow(() -> new AssertionError("no warning logged: " + records));
        String message = why instanceof ExtLogRecord ext ? ext.getFormattedMessage() : why.getMessage();
        assertTrue(message.contains("neither meetload.chatops.slack.signing-secret (MEETLOAD_CHATOPS_SLACK_SIGNING_SECRET)"
                + " nor meetload.chatops.mattermost.token (MEETLOAD_CHATOPS_MATTERMOST_TOKEN) is set"), message);
    }
}
