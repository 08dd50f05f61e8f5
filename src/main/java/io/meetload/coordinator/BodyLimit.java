package io.meetload.coordinator;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a plan larger than {@code meetload.api.max-body-bytes} from its Content-Length, before
 * the body is read; the resource checks the bytes it reads as well (a body sent without a length).
 */
public class BodyLimit {

    private final ApiConfig api;

    public BodyLimit(ApiConfig api) {
        this.api = api;
    }

    @ServerRequestFilter(preMatching = true)
    public Response checkLength(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !"api/runs".equals(trim(request.getUriInfo().getPath()))) {
            return null;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        try {
            long declared = Long.parseLong(length.trim());
            if (declared > api.maxBodyBytes()) {
                ApiProblem problem = tooLarge(api.maxBodyBytes(), Long.toString(declared));
                return Response.status(problem.status()).type(MediaType.APPLICATION_JSON).entity(problem.body()).build();
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    static ApiProblem tooLarge(int limit, String seen) {
        return new ApiProblem(413, "plan: must be at most " + limit + " bytes (meetload.api.max-body-bytes), was "
                + seen + " bytes");
    }

    private static String trim(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
