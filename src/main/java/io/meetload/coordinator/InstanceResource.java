package io.meetload.coordinator;

import io.meetload.security.AuthenticatesItself;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.Map;

/** Where workers send heartbeats and their report, with the run's worker token. */
@Path("/api/runs/{id}/instances/{index}")
@AuthenticatesItself("the run's own worker token, checked by WorkerIntake")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InstanceResource {

    private final WorkerIntake intake;

    public InstanceResource(WorkerIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("report")
    @Operation(summary = "An instance's report (schema 1); the same report twice is taken once")
    @APIResponse(responseCode = "200", description = "Accepted, or the same report was accepted before (duplicate)")
    @APIResponse(responseCode = "401", description = "No bearer token")
    @APIResponse(responseCode = "403", description = "Not the run's worker token")
    @APIResponse(responseCode = "400", description = "Another run, another index, or not a report")
    @APIResponse(responseCode = "409", description = "Another plan digest, a different report already taken, or the run has ended")
    public WorkerIntake.Receipt report(@PathParam("id") String id, @PathParam("index") int index,
                                       @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return intake.report(id, index, authorization, body);
    }

    @POST
    @Path("heartbeat")
    @Operation(summary = "An instance's latest samples")
    public Map<String, Object> heartbeat(@PathParam("id") String id, @PathParam("index") int index,
                                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        intake.heartbeat(id, index, authorization, body);
        return Map.of("accepted", true);
    }
}
