package io.meetload.coordinator;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The page of one run in the web UI. The list at {@code /} and the scripts are static files
 * (META-INF/resources); this page only needs the run's id, and reads everything else from the API.
 */
@Path("/runs")
public class WebUiResource {

    private final Template page;

    public WebUiResource(@Location("ui/run.html") Template page) {
        this.page = page;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response run(@PathParam("id") String id) {
        if (!RunStore.RUN_ID.matcher(id).matches()) {
            // Plain text: the value seen is repeated, and must never be read as markup.
            return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("run id: must look like r-YYYYMMDD-HHMM-xxxx, was " + id + "\n").build();
        }
        return Response.ok(page.data("id", id).render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }
}
