package io.meetload.chatops;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Posts JSON to a URL outside (webhooks, Slack's response_url) off the caller's thread, with a
 * bounded number of attempts and a doubling wait between them. Redirects are not followed (a
 * receiver cannot send us elsewhere); URLs are logged by scheme and host only, as webhook paths
 * often are secrets.
 */
@ApplicationScoped
public class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);

    private final HttpClient client;
    private final ScheduledExecutorService retries;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;

    /** One attempt's body and headers: made anew for each attempt, so each can carry its own time and signature. */
    public record Post(byte[] body, Map<String, String> headers) {
    }

    public Delivery(WebhookConfig config) {
        this.attempts = Math.max(1, config.attempts());
        this.backoff = config.backoff();
        this.timeout = config.timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meetload-delivery");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts delivering; the future completes with the last HTTP status (0 when none came) once it succeeded or gave up. */
    public CompletableFuture<Integer> post(URI url, String what, Supplier<Post> post) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        attempt(url, what, post, 1, done);
        return done;
    }

    private void attempt(URI url, String what, Supplier<Post> post, int attempt, CompletableFuture<Integer> done) {
        Post p = post.get();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(p.body()));
        p.headers().forEach(request::header);
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            int status = response == null ? 0 : response.statusCode();
            if (error == null && status >= 200 && status < 300) {
                LOG.debugf("%s to %s: delivered (HTTP %d, attempt %d)", what, where(url), status, attempt);
                done.complete(status);
                return;
            }
            String why = error != null ? error.getClass().getSimpleName() : "HTTP " + status;
            if (attempt >= attempts || !worthAnotherTry(error, status)) {
                LOG.warnf("%s to %s: given up after attempt %d of %d (%s)", what, where(url), attempt, attempts, why);
                done.complete(status);
                return;
            }
            Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
            LOG.infof("%s to %s: attempt %d of %d failed (%s), next in %s", what, where(url), attempt, attempts, why, wait);
            try {
                retries.schedule(() -> attempt(url, what, post, attempt + 1, done), wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                done.complete(status);
            }
        });
    }

    /** Network trouble, timeouts, throttling and server errors may pass; other refusals will not. */
    static boolean worthAnotherTry(Throwable error, int status) {
        return error != null || status == 408 || status == 425 || status == 429 || status >= 500;
    }

    static String where(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }
}
