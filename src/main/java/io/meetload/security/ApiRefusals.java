package io.meetload.security;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** Refusals the framework makes before any resource runs, given a body that says why like every other. */
public class ApiRefusals {

    @ServerExceptionMapper
    public Response unsupportedType(NotSupportedException e, HttpHeaders headers) {
        MediaType type = headers.getMediaType();
        String seen = type == null ? "missing" : LogSafe.text(type.getType() + "/" + type.getSubtype());
        return Response.status(415).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "Content-Type: must be application/json for this request, was " + seen)).build();
    }
}
