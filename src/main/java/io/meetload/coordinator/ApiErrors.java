package io.meetload.coordinator;

import io.meetload.plan.InvalidPlanException;
import io.meetload.plan.PlanError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns refusals into JSON bodies that say why: never a stack trace. */
public class ApiErrors {

    @ServerExceptionMapper
    public Response problem(ApiProblem problem) {
        return Response.status(problem.status()).type(MediaType.APPLICATION_JSON).entity(problem.body()).build();
    }

    @ServerExceptionMapper
    public Response invalidPlan(InvalidPlanException invalid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid plan");
        body.put("errors", invalid.errors().stream().map(ApiErrors::error).toList());
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static Map<String, Object> error(PlanError e) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("field", e.field());
        one.put("rule", e.rule());
        one.put("value", e.value());
        one.put("message", e.line());
        return one;
    }
}
