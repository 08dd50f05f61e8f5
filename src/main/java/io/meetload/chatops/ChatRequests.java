package io.meetload.chatops;

import io.meetload.coordinator.ApiProblem;
import io.meetload.security.Exposure;
import io.meetload.security.HostAllowList;
import io.meetload.security.LogSafe;
import io.meetload.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Proves where a slash command comes from before anything in it is used: Slack's signature over
 * the raw bytes (fresh, and not seen before), or Mattermost's command token; then reads the form
 * and checks where later answers may go. Every refusal is an ApiProblem that says why.
 */
@ApplicationScoped
public class ChatRequests {

    private static final Logger LOG = Logger.getLogger(ChatRequests.class);

    private final ChatOpsConfig config;
    private final Clock clock;
    private final ReplayGuard replays;
    private final HostAllowList responseHosts;
    private final AtomicBoolean offLogged = new AtomicBoolean();

    /** A command whose origin is proven: Slack or Mattermost, its form fields, and its checked response_url (or null). */
    record Verified(String source, Map<String, String> form, URI responseUrl) {
        String user() {
            return form.getOrDefault("team_id", "-") + "/" + form.getOrDefault("user_id", "-");
        }
    }

    public ChatRequests(ChatOpsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.replays = new ReplayGuard(config.maxClockSkew());
        this.responseHosts = HostAllowList.parse("meetload.chatops.response-url-hosts", config.responseUrlHosts());
    }

    int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    /** Throws the 404 of a coordinator where chat-ops is off, saying why in the log (once at WARN). */
    void requireOn() {
        if (slackSecret().isPresent() || mattermostToken().isPresent()) {
            return;
        }
        String why = "chat-ops request refused (404): neither meetload.chatops.slack.signing-secret"
                + " (MEETLOAD_CHATOPS_SLACK_SIGNING_SECRET) nor meetload.chatops.mattermost.token"
                + " (MEETLOAD_CHATOPS_MATTERMOST_TOKEN) is set, so no request could be verified";
        if (offLogged.compareAndSet(false, true)) {
            LOG.warn(why);
        } else {
            LOG.debug(why);
        }
        throw new ApiProblem(404, "not found: chat-ops is off on this coordinator (its log says why)");
    }

    Verified verify(HttpHeaders headers, byte[] body) {
        String signature = headers.getHeaderString(SlackSignature.SIGNATURE);
        String timestamp = headers.getHeaderString(SlackSignature.TIMESTAMP);
        boolean slack = signature != null || timestamp != null || mattermostToken().isEmpty();
        Map<String, String> form;
        if (slack) {
            String secret = slackSecret().orElseThrow(() -> new ApiProblem(401,
                    "Slack requests are not taken here: meetload.chatops.slack.signing-secret is not set"));
            SlackSignature.verify(secret, timestamp, signature, body, clock.instant(), config.maxClockSkew());
            if (!replays.firstTime(signature, clock.instant())) {
                throw new ApiProblem(401, SlackSignature.SIGNATURE + ": this very request was taken before (a replay)");
            }
            form = form(headers, body);
        } else {
            form = form(headers, body);
            String token = form.get("token");
            if (token == null || token.isEmpty()) {
                throw new ApiProblem(401, slackSecret().isPresent()
                        ? "X-Slack-Signature: missing, and no Mattermost token field either: the request cannot be verified"
                        : "token: missing (the Mattermost slash command's token)");
            }
            if (!Secrets.same(token, mattermostToken().orElseThrow())) {
                throw new ApiProblem(401, "token: not this coordinator's Mattermost command token (meetload.chatops.mattermost.token)");
            }
        }
        return new Verified(slack ? "slack" : "mattermost", form, responseUrl(form.get("response_url")));
    }

    private Optional<String> slackSecret() {
        return config.slack().signingSecret().filter(s -> !s.isBlank());
    }

    private Optional<String> mattermostToken() {
        return config.mattermost().token().filter(s -> !s.isBlank());
    }

    private static Map<String, String> form(HttpHeaders headers, byte[] body) {
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            throw new ApiProblem(415, "Content-Type: must be application/x-www-form-urlencoded (a slash command), was "
                    + (type == null ? "missing" : LogSafe.text(type.getType() + "/" + type.getSubtype())));
        }
        return FormBody.parse(body);
    }

    /** Where later answers go: https (http on loopback only) to a host of meetload.chatops.response-url-hosts. */
    private URI responseUrl(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new ApiProblem(400, "response_url: must be an https URL, was not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = url.getHost() != null && Exposure.loopbackOnly(url.getHost());
        if (!(scheme.equals("https") || scheme.equals("http") && loopback) || url.getRawUserInfo() != null) {
            throw new ApiProblem(400, "response_url: must be an https URL (http only on loopback), was "
                    + (scheme.isEmpty() ? "one without a scheme" : "a " + LogSafe.text(scheme) + ": URL"));
        }
        if (!responseHosts.allows(url)) {
            throw new ApiProblem(400, "response_url: must be on a host of meetload.chatops.response-url-hosts ("
                    + responseHosts.describe() + "), was " + LogSafe.text(url.getHost()));
        }
        return url;
    }
}
