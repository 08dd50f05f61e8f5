package io.meetload.chatops;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meetload.coordinator.RunFinished;
import io.meetload.coordinator.RunService;
import io.meetload.coordinator.RunState;
import io.meetload.instance.Json;
import io.meetload.report.ChatMessage;
import io.meetload.verdict.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the channel a chat command came from how its run ended: ChatMessage.of(verdict, report
 * link), in the channel, through the command's response_url while Slack still takes it (30
 * minutes), else through the configured incoming webhook. Each run's message goes out once.
 */
@ApplicationScoped
public class ChatNotifier {

    /** How long Slack accepts messages on a command's response_url. */
    static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);
    private static final Logger LOG = Logger.getLogger(ChatNotifier.class);

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Delivery delivery;
    private final RunService service;
    private final Optional<URI> incomingWebhook;
    private final Clock clock;

    /** Where a run's outcome goes: the command's response_url (may be null), given at {@code at}, links under {@code base}. */
    record Watch(URI responseUrl, Instant at, URI base) {
    }

    public ChatNotifier(Delivery delivery, RunService service, ChatOpsConfig config, Clock clock) {
        this.delivery = delivery;
        this.service = service;
        this.incomingWebhook = config.slack().incomingWebhook();
        this.clock = clock;
    }

    /** Watches a run a command started; a run that already ended (a failed launch) is told at once. */
    void watch(String runId, Watch watch) {
        watches.put(runId, watch);
        RunState state = service.state(runId);
        if (state.status().finished()) {
            fromDisk(runId);
        }
    }

    void onFinished(@ObservesAsync RunFinished finished) {
        Watch watch = watches.remove(finished.state().id());
        if (watch != null) {
            tell(finished.state().id(), watch, finished.verdict());
        }
    }

    /** Posts a line about a run (ephemeral) to a command's response_url, like its id once a slow start is done. */
    void say(URI responseUrl, String text) {
        if (responseUrl != null) {
            delivery.post(responseUrl, "chat reply", () -> message("ephemeral", text));
        }
    }

    private void fromDisk(String runId) {
        Watch watch = watches.remove(runId);
        if (watch == null) {
            return;
        }
        try {
            byte[] verdict = service.store().verdictBytes(runId).orElseThrow(() -> new IOException("verdict.json is missing"));
            tell(runId, watch, Json.MAPPER.readValue(verdict, Verdict.class));
        } catch (IOException e) {
            LOG.errorf("run %s: the chat message cannot be made: %s", runId, e.getMessage());
        }
    }

    private void tell(String runId, Watch watch, Verdict verdict) {
        boolean fresh = watch.responseUrl() != null && watch.at().plus(RESPONSE_URL_LIFETIME).isAfter(clock.instant());
        URI to = fresh || incomingWebhook.isEmpty() ? watch.responseUrl() : incomingWebhook.get();
        if (to == null) {
            LOG.infof("run %s: no response_url and no incoming webhook: the verdict is not posted to chat", runId);
            return;
        }
        String text;
        try {
            text = ChatMessage.of(verdict, Links.report(watch.base(), runId));
        } catch (IllegalArgumentException tooLong) {
            text = ChatMessage.of(verdict, null);
        }
        String message = text;
        delivery.post(to, "chat message of run " + runId, () -> message("in_channel", message));
    }

    private static Delivery.Post message(String responseType, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response_type", responseType);
        body.put("text", text);
        try {
            return new Delivery.Post(Json.MAPPER.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("two strings are always JSON", e);
        }
    }
}
