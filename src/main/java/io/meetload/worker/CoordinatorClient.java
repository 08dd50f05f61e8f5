package io.meetload.worker;

import io.meetload.instance.Heartbeat;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The worker's side of the coordinator protocol: heartbeats (best effort) and the report
 * (retried with backoff until accepted, refused, or the retry time is over).
 */
final class CoordinatorClient {

    private static final Logger LOG = Logger.getLogger(CoordinatorClient.class);

    private final URI base;
    private final String run;
    private final int index;
    private final Optional<String> token;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CoordinatorClient(URI base, String run, int index, Optional<String> token, Clock clock) {
        this.base = base;
        this.run = run;
        this.index = index;
        this.token = token;
        this.clock = clock;
    }

    /** Sends a heartbeat once; false when it did not arrive. */
    boolean heartbeat(Heartbeat heartbeat) {
        try {
            int status = post("heartbeat", Json.MAPPER.writeValueAsBytes(heartbeat), Duration.ofSeconds(5)).statusCode();
            if (status / 100 != 2) {
                LOG.warnf("heartbeat refused by the coordinator: HTTP %d", status);
            }
            return status / 100 == 2;
        } catch (IOException e) {
            LOG.debugf("heartbeat not delivered: %s", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Delivers the report: retried with backoff (1 s doubling to 30 s) until a 2xx, a refusal
     * (4xx other than 408/429: retrying would not help), or {@code retryFor} has passed.
     */
    boolean report(InstanceReport report, Duration retryFor) throws InterruptedException {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(report);
        } catch (IOException e) {
            throw new IllegalStateException("report does not serialize", e);
        }
        Instant giveUp = clock.instant().plus(retryFor);
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = post("report", body, Duration.ofSeconds(30));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    LOG.infof("report delivered to the coordinator (attempt %d)", attempt);
                    return true;
                }
                if (status / 100 == 4 && status != 408 && status != 429) {
                    LOG.errorf("the coordinator refused the report: HTTP %d %s", status, response.body());
                    return false;
                }
                LOG.warnf("report attempt %d: HTTP %d, retrying in %s", attempt, status, backoff);
            } catch (IOException e) {
                LOG.warnf("report attempt %d: %s, retrying in %s", attempt, e.getMessage(), backoff);
            }
            if (clock.instant().plus(backoff).isAfter(giveUp)) {
                LOG.errorf("report not delivered after %d attempts in %s; it is in the report file", attempt, retryFor);
                return false;
            }
            Thread.sleep(backoff.toMillis()); // backoff between retries, not a wait for a condition
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                    : backoff.multipliedBy(2);
        }
    }

    private HttpResponse<String> post(String what, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        URI uri = base.resolve("/api/runs/" + run + "/instances/" + index + "/" + what);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
