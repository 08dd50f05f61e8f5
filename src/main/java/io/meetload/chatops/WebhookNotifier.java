package io.meetload.chatops;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meetload.coordinator.RunFinished;
import io.meetload.instance.Json;
import io.meetload.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Posts a signed summary of every finished run to the configured webhooks:
 * {@code X-Meetload-Signature: sha256=<hex HMAC-SHA256(secret, body)>} and
 * {@code X-Meetload-Timestamp} (seconds; the same instant as the body's sentAt). Asynchronous
 * and retried, never in the way of the run's end.
 */
@ApplicationScoped
public class WebhookNotifier {

    static final String SIGNATURE = "X-Meetload-Signature";
    static final String TIMESTAMP = "X-Meetload-Timestamp";
    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);

    private final WebhookConfig config;
    private final Delivery delivery;
    private final Links links;
    private final Clock clock;

    public WebhookNotifier(WebhookConfig config, Delivery delivery, Links links, Clock clock) {
        this.config = config;
        this.delivery = delivery;
        this.links = links;
        this.clock = clock;
    }

    void onFinished(@ObservesAsync RunFinished finished) {
        List<URI> urls = config.urls().orElse(List.of());
        if (urls.isEmpty()) {
            return;
        }
        if (config.secret().filter(s -> !s.isBlank()).isEmpty()) {
            LOG.errorf("run %s: webhooks not sent: meetload.webhooks.secret is not set", finished.state().id());
            return;
        }
        String id = UUID.randomUUID().toString();
        URI base = links.base(null);
        for (URI url : urls) {
            delivery.post(url, "webhook of run " + finished.state().id(), () -> sign(finished, base, id));
        }
    }

    private Delivery.Post sign(RunFinished finished, URI base, String id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> payload = WebhookPayload.of(finished, base, id, now);
        try {
            byte[] body = Json.MAPPER.writeValueAsBytes(payload);
            return new Delivery.Post(body, Map.of(
                    SIGNATURE, "sha256=" + Secrets.hmacSha256Hex(config.secret().orElseThrow(), body),
                    TIMESTAMP, Long.toString(now.getEpochSecond())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }
}
