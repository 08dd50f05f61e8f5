package io.meetload.chatops;

import io.meetload.coordinator.ApiProblem;
import io.meetload.security.AuthenticatesItself;
import io.meetload.security.LogSafe;
import io.meetload.security.RateLimits;
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
import java.util.Map;

/**
 * The slash command endpoint for Slack (signed requests) and Mattermost (the command's token).
 * A request that cannot prove where it comes from is refused with 401 and why; a command that is
 * understood gets 200 and an ephemeral answer, refusals included (Slack shows only a 200's text
 * to the user; any other status would hide why).
 */
@Path("/api/chatops/slack")
@AuthenticatesItself("Slack's request signature, or the Mattermost command token (ChatRequests)")
public class SlashCommandResource {

    private static final Logger LOG = Logger.getLogger(SlashCommandResource.class);

    private final ChatRequests requests;
    private final ChatCommands commands;
    private final RateLimits limits;
    private final Links links;

    public SlashCommandResource(ChatRequests requests, ChatCommands commands, RateLimits limits, Links links) {
        this.requests = requests;
        this.commands = commands;
        this.limits = limits;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A Slack or Mattermost slash command: run, status, cancel, list, help")
    @APIResponse(responseCode = "200", description = "The answer (an ephemeral message), refusals of a command included")
    @APIResponse(responseCode = "400", description = "A form field given twice, or a response_url that is not https on an allowed host")
    @APIResponse(responseCode = "401", description = "Not signed by Slack with the signing secret, stale or replayed, or not Mattermost's token")
    @APIResponse(responseCode = "404", description = "Chat-ops is off: no signing secret and no Mattermost token is set")
    @APIResponse(responseCode = "413", description = "Body larger than meetload.chatops.max-body-bytes")
    @APIResponse(responseCode = "415", description = "Not a form (application/x-www-form-urlencoded)")
    public Response command(InputStream in, @Context HttpHeaders headers, @Context UriInfo uri) throws IOException {
        requests.requireOn();
        byte[] body = in.readNBytes(requests.maxBodyBytes() + 1);
        if (body.length > requests.maxBodyBytes()) {
            throw new ApiProblem(413, "body: must be at most " + requests.maxBodyBytes()
                    + " bytes (meetload.chatops.max-body-bytes), was more");
        }
        ChatRequests.Verified command = requests.verify(headers, body);
        String text = command.form().get("text");
        LOG.infof("chat command from %s user %s: %s", command.source(), LogSafe.text(command.user()), LogSafe.text(text));
        String answer;
        try {
            limits.take("chat:" + command.source() + ":" + command.user(), "this chat user");
            answer = commands.answer(text, new ChatCommands.Context(command.responseUrl(), links.base(uri.getBaseUri())));
        } catch (ApiProblem limited) {
            answer = "Cannot do that: " + SlackText.escape(limited.getMessage());
        }
        return Response.ok(Map.of("response_type", "ephemeral", "text", answer)).build();
    }
}
