package io.meetload.chatops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a summary of every finished run is posted, and how hard we try. */
@ConfigMapping(prefix = "meetload.webhooks")
public interface WebhookConfig {

    /** URLs that receive a signed JSON summary of every finished run; default none. */
    Optional<List<URI>> urls();

    /** The HMAC-SHA256 key of X-Meetload-Signature; required when urls are set. */
    Optional<String> secret();

    /** Attempts per delivery, the first included (webhooks and chat messages); default 5. */
    @WithDefault("5")
    int attempts();

    /** Wait before the second attempt, doubled before each next one; default 1s. */
    @WithDefault("1s")
    Duration backoff();

    /** Connect and answer timeout of one attempt; default 10s. */
    @WithDefault("10s")
    Duration timeout();

    /** What keeps these settings from working, for the startup check. */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<URI> urls = urls().orElse(List.of());
        if (!urls.isEmpty() && secret().filter(s -> !s.isBlank()).isEmpty()) {
            problems.add("meetload.webhooks.secret (MEETLOAD_WEBHOOKS_SECRET) is not set while meetload.webhooks.urls is:"
                    + " receivers could not tell our calls from forged ones");
        }
        for (URI url : urls) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                problems.add("meetload.webhooks.urls: each must be an http or https URL with a host, one was not (scheme "
                        + (scheme.isEmpty() ? "none" : scheme) + ")");
            }
        }
        if (attempts() < 1) {
            problems.add("meetload.webhooks.attempts: must be at least 1, was " + attempts());
        }
        return problems;
    }
}
