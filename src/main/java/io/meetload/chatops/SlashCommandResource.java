package io.meetload.chatops;

import io.meetload.coordinator.ApiProblem;
import io.meetload.security.AuthenticatesItself;
import io.meetload.security.Exposure;
import io.meetload.security.HostAllowList;
import io.meetload.security.LogSafe;
import io.meetload.security.RateLimits;
import io.meetload.security.Secrets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The slash command endpoint for Slack (signed requests) and Mattermost (the command's token).
 * A request that cannot prove where it comes from is refused with 401 and why; a command that is
 * understood gets 200 and an ephemeral answer, refusals included (Slack shows only a 200's text
 * to the user; any other status would hide why).
 */
@Path("/api/chatops/slack")
@AuthenticatesItself("Slack's request signature, or the Mattermost command token")
public class SlashCommandResource {

    private static final Logger LOG = Logger.getLogger(SlashCommandResource.class);

    private final ChatOpsConfig config;
    private final ChatCommands commands;
    private final RateLimits limits;
    private final Links links;
    private final Clock clock;
    private final ReplayGuard replays;
    private final HostAllowList responseHosts;
    private final AtomicBoolean offLogged = new AtomicBoolean();

    public SlashCommandResource(ChatOpsConfig config, ChatCommands commands, RateLimits limits, Links links, Clock clock) {
        this.config = config;
        this.commands = commands;
        this.limits = limits;
        this.links = links;
        this.clock = clock;
        this.replays = new ReplayGuard(config.maxClockSkew());
        this.responseHosts = HostAllowList.parse("meetload.chatops.response-url-hosts", config.responseUrlHosts());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A Slack or Mattermost slash command: run, status, cancel, list, help")
    @APIResponse(responseCode = "200", description = "The answer (an ephemeral message), refusals of a command included")
    @APIResponse(responseCode = "401", description = "Not signed by Slack with the signing secret, stale or replayed, or not Mattermost's token")
    @APIResponse(responseCode = "404", description = "Chat-ops is off: no signing secret and no Mattermost token is set")
    @APIResponse(responseCode = "413", description = "Body larger than meetload.chatops.max-body-bytes")
    @APIResponse(responseCode = "415", description = "Not a form (application/x-www-form-urlencoded)")
    public Response command(InputStream in, @Context HttpHeaders headers, @Context UriInfo uri) throws IOException {
        Optional<String> slackSecret = config.slack().signingSecret().filter(s -> !s.isBlank());
        Optional<String> mattermostToken = config.mattermost().token().filter(s -> !s.isBlank());
        if (slackSecret.isEmpty() && mattermostToken.isEmpty()) {
            logOff();
            throw new ApiProblem(404, "not found: chat-ops is off on this coordinator (its log says why)");
        }
        byte[] body = in.readNBytes(config.maxBodyBytes() + 1);
        if (body.length > config.maxBodyBytes()) {
            throw new ApiProblem(413, "body: must be at most " + config.maxBodyBytes()
                    + " bytes (meetload.chatops.max-body-bytes), was more");
        }
        boolean slack = headers.getHeaderString(SlackSignature.SIGNATURE) != null
                || headers.getHeaderString(SlackSignature.TIMESTAMP) != null || mattermostToken.isEmpty();
        Map<String, String> form;
        if (slack) {
            if (slackSecret.isEmpty()) {
                throw new ApiProblem(401, "Slack requests are not taken here: meetload.chatops.slack.signing-secret is not set");
            }
            String signature = headers.getHeaderString(SlackSignature.SIGNATURE);
            SlackSignature.verify(slackSecret.get(), headers.getHeaderString(SlackSignature.TIMESTAMP), signature, body,
                    clock.instant(), config.maxClockSkew());
            if (!replays.firstTime(signature, clock.instant())) {
                throw new ApiProblem(401, SlackSignature.SIGNATURE + ": this very request was taken before (a replay)");
            }
            form = form(headers, body);
        } else {
            form = form(headers, body);
            String token = form.get("token");
            if (token == null || token.isEmpty()) {
                throw new ApiProblem(401, slackSecret.isPresent()
                        ? "X-Slack-Signature: missing, and no Mattermost token field either: the request cannot be verified"
                        : "token: missing (the Mattermost slash command's token)");
            }
            if (!Secrets.same(token, mattermostToken.get())) {
                throw new ApiProblem(401, "token: not this coordinator's Mattermost command token (meetload.chatops.mattermost.token)");
            }
        }
        URI responseUrl = responseUrl(form.get("response_url"));
        String source = slack ? "slack" : "mattermost";
        String user = form.getOrDefault("team_id", "-") + "/" + form.getOrDefault("user_id", "-");
        LOG.infof("chat command from %s user %s: %s", source, LogSafe.text(user), LogSafe.text(form.get("text")));
        String answer;
        try {
            limits.take("chat:" + source + ":" + user, "this chat user");
            answer = commands.answer(form.get("text"), new ChatCommands.Context(responseUrl, links.base(uri.getBaseUri())));
        } catch (ApiProblem limited) {
            answer = "Cannot do that: " + SlackText.escape(limited.getMessage());
        }
        return Response.ok(Map.of("response_type", "ephemeral", "text", answer)).build();
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

    private void logOff() {
        String why = "chat-ops request refused (404): neither meetload.chatops.slack.signing-secret"
                + " (MEETLOAD_CHATOPS_SLACK_SIGNING_SECRET) nor meetload.chatops.mattermost.token"
                + " (MEETLOAD_CHATOPS_MATTERMOST_TOKEN) is set, so no request could be verified";
        if (offLogged.compareAndSet(false, true)) {
            LOG.warn(why);
        } else {
            LOG.debug(why);
        }
    }
}
