package io.meetload.coordinator;

import io.meetload.security.RunAdmission;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runs API: post a plan, follow the run, read its verdict and report, cancel it. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private final RunService service;
    private final RunAdmission admission;
    private final RunQueries queries;
    private final ApiConfig api;

    public RunResource(RunService service, RunAdmission admission, RunQueries queries, ApiConfig api) {
        this.service = service;
        this.admission = admission;
        this.queries = queries;
        this.api = api;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run from a plan (schema 1)")
    @APIResponse(responseCode = "201", description = "The run is on disk and its instances were launched")
    @APIResponse(responseCode = "400", description = "Invalid plan: every broken rule is listed; nothing was started")
    @APIResponse(responseCode = "413", description = "The plan is larger than meetload.api.max-body-bytes")
    @APIResponse(responseCode = "401", description = "No API token (meetload.api.token)")
    @APIResponse(responseCode = "403", description = "Not the API token")
    @APIResponse(responseCode = "409", description = "As many runs are active as meetload.api.max-concurrent-runs allows")
    @APIResponse(responseCode = "429", description = "More requests than meetload.api.requests-per-minute")
    public Response create(InputStream body, @Context UriInfo uri) throws IOException {
        byte[] plan = body.readNBytes(api.maxBodyBytes() + 1);
        if (plan.length > api.maxBodyBytes()) {
            throw BodyLimit.tooLarge(api.maxBodyBytes(), "more than " + api.maxBodyBytes());
        }
        // Limits and the target allow-list are checked before anything is written or started.
        RunState run = admission.start(plan);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", run.id());
        answer.put("status", run.status());
        answer.putAll(links(uri, run.id()));
        return Response.created(URI.create((String) answer.get("self"))).entity(answer).build();
    }

    @GET
    @Operation(summary = "Every run, newest first")
    public List<RunQueries.RunSummary> list() {
        return queries.list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A run's state and live progress")
    public RunQueries.RunView get(@PathParam("id") String id) {
        return queries.view(id);
    }

    @GET
    @Path("{id}/verdict")
    @Operation(summary = "The verdict JSON (schema 1) of a finished run")
    @APIResponse(responseCode = "409", description = "The run has not finished yet")
    public Response verdict(@PathParam("id") String id) {
        return Response.ok(queries.verdict(id), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{id}/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The HTML report of a finished run")
    @APIResponse(responseCode = "409", description = "The run has not finished yet")
    public Response report(@PathParam("id") String id) {
        return Response.ok(queries.html(id), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Stop a run's instances; it ends INCONCLUSIVE (CANCELLED)")
    @APIResponse(responseCode = "409", description = "The run has already finished")
    public Map<String, Object> cancel(@PathParam("id") String id, @Context UriInfo uri) {
        RunState run = service.cancel(id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", run.id());
        answer.put("status", run.status());
        answer.putAll(links(uri, run.id()));
        return answer;
    }

    static Map<String, Object> links(UriInfo uri, String id) {
        String self = uri.getBaseUriBuilder().path("api/runs").path(id).build().toString();
        return Map.of("self", self, "verdict", self + "/verdict", "report", self + "/report");
    }
}
