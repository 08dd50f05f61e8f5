package io.meetload.worker;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;

/**
 * Serves the participant page of services that have no web app of their own (Janus), with
 * the service's own client library from the system (Debian's {@code libjs-janus-gateway} and
 * {@code libjs-webrtc-adapter}), never a copy in this project.
 */
@Path("/participant")
public class ParticipantPageResource {

    private static final Map<String, String> PAGES = Map.of(
            "janus.html", "text/html; charset=utf-8",
            "meetload-janus.js", "text/javascript; charset=utf-8");

    private final WorkerSettings settings;

    public ParticipantPageResource(WorkerSettings settings) {
        this.settings = settings;
    }

    @GET
    @Path("{page}")
    public Response page(@PathParam("page") String page) throws IOException {
        String type = PAGES.get(page);
        if (type == null) {
            throw new NotFoundException("no participant page " + page);
        }
        try (InputStream in = getClass().getResourceAsStream("/participant/" + page)) {
            if (in == null) {
                throw new NotFoundException("participant page " + page + " is missing from the build");
            }
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-store").build();
        }
    }

    @GET
    @Path("lib/{library}")
    public Response library(@PathParam("library") String library) throws IOException {
        java.nio.file.Path file = switch (library) {
            case "janus.js" -> settings.janusJs();
            case "adapter.js" -> settings.adapterJs();
            default -> throw new NotFoundException("no library " + library);
        };
        if (!Files.isReadable(file)) {
            String pkg = library.equals("janus.js") ? "libjs-janus-gateway" : "libjs-webrtc-adapter";
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(file + " is missing: install the Debian package '" + pkg + "'").type("text/plain").build();
        }
        return Response.ok(Files.readAllBytes(file), "text/javascript; charset=utf-8").build();
    }
}
