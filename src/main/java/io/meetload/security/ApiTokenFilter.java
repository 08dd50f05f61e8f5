package io.meetload.security;

import io.meetload.coordinator.ApiProblem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;
import java.util.Set;

/**
 * The API token: every request that can change state needs {@code Authorization: Bearer
 * <meetload.api.token>} (reads too when {@code meetload.api.open-reads=false}), except resources
 * that authenticate their callers themselves ({@link AuthenticatesItself}). Runs after matching,
 * on the resource's class, so no path spelling can slip past it. State-changing requests are
 * rate limited per token (per address for those without a valid token). Without a token (loopback
 * only) they must come from this machine, not from a web page of another site ({@link LocalOnly}).
 */
public class ApiTokenFilter {

    private static final Logger LOG = Logger.getLogger(ApiTokenFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String BEARER = "Bearer ";

    private final ApiSecurityConfig config;
    private final RateLimits limits;

    public ApiTokenFilter(ApiSecurityConfig config, RateLimits limits) {
        this.config = config;
        this.limits = limits;
    }

    /**
     * The host the client asked for: the Host header in HTTP/1.1, the :authority of an HTTP/2
     * request (Java's HttpClient upgrades plain-http requests to h2c, and then sends no Host).
     */
    private static String hostOf(ContainerRequestContext request, HttpServerRequest http) {
        String header = request.getHeaderString(HttpHeaders.HOST);
        if (header != null) {
            return header;
        }
        return http.authority() == null ? null : http.authority().toString();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response check(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Class<?> type = resource.getResourceClass();
        if (type != null && type.isAnnotationPresent(AuthenticatesItself.class)) {
            return null;
        }
        boolean read = READS.contains(request.getMethod());
        // Closed reads close the run API only: a worker's participant page is loaded by its own browsers.
        if (read && (config.openReads() || !isApi(request.getUriInfo().getPath()))) {
            return null;
        }
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        Optional<String> token = config.token().filter(t -> !t.isBlank());
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean valid = token.isPresent() && authorization != null && authorization.startsWith(BEARER)
                && Secrets.same(authorization.substring(BEARER.length()).trim(), token.get());
        try {
            if (!read) {
                limits.take(valid ? "api-token" : "address:" + address, valid ? "the API token" : "address " + address);
            }
            if (valid) {
                return null;
            }
            if (token.isEmpty()) {
                String notLocal = read ? null : LocalOnly.problem(hostOf(request, http),
                        request.getHeaderString("Origin"));
                if (notLocal != null) {
                    throw new ApiProblem(403, notLocal);
                }
                return null;
            }
            throw refusal(authorization);
        } catch (ApiProblem problem) {
            LOG.infof("refused %s %s from %s: %s", request.getMethod(), LogSafe.text(request.getUriInfo().getPath()),
                    address, problem.getMessage());
            Response.ResponseBuilder answer = Response.status(problem.status()).type(MediaType.APPLICATION_JSON)
                    .entity(problem.body());
            if (problem.status() == 401) {
                answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"meetload\"");
            }
            if (problem.status() == 429) {
                answer.header("Retry-After", problem.body().get("retryAfterSeconds"));
            }
            return answer.build();
        }
    }

    private static ApiProblem refusal(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new ApiProblem(401, "Authorization: must be \"Bearer <meetload.api.token>\" for this request, was missing");
        }
        if (!authorization.startsWith(BEARER)) {
            return new ApiProblem(401, "Authorization: must be \"Bearer <meetload.api.token>\" for this request, was the "
                    + scheme(authorization) + " scheme");
        }
        if (authorization.substring(BEARER.length()).isBlank()) {
            return new ApiProblem(401, "Authorization: must be \"Bearer <meetload.api.token>\" for this request, was an empty bearer token");
        }
        return new ApiProblem(403, "Authorization: the bearer token is not this coordinator's API token (meetload.api.token)");
    }

    private static boolean isApi(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).startsWith("api/");
    }

    /** Only the scheme's name is ever repeated, never what follows it. */
    private static String scheme(String authorization) {
        String first = authorization.strip().split("\\s+", 2)[0];
        return first.matches("[A-Za-z][A-Za-z0-9-]{0,19}") ? first : "an unknown";
    }
}
