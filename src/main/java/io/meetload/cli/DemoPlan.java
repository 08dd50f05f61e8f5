package io.meetload.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meetload.instance.Json;
import io.meetload.sfu.LocalJanus;
import io.meetload.sfu.LoopbackMedia;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded default: a small Janus plan (resources/plans/demo.json) run against a Janus
 * that meetload starts itself on loopback, so that one command shows the whole tool on a fresh
 * machine.
 */
final class DemoPlan {

    static final String NAME = "plans/demo.json (embedded)";

    private DemoPlan() {
    }

    static byte[] bytes() {
        try (InputStream in = DemoPlan.class.getResourceAsStream("/plans/demo.json")) {
            if (in == null) {
                throw new IllegalStateException("the embedded demo plan is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same plan with its target's url set to this Janus. */
    static byte[] pointAt(byte[] plan, URI janus) throws IOException {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(plan);
        ((ObjectNode) tree.path("target")).put("url", janus.toString());
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    }

    static LocalJanus startJanus(Path dir, PrintWriter console) throws IOException {
        LoopbackMedia.problem().ifPresent(problem -> {
            console.println("warning: " + problem);
            console.flush();
        });
        LocalJanus janus = LocalJanus.start(dir, 0, Duration.ofSeconds(20));
        console.printf("janus started on %s (log: %s)%n", janus.apiUrl(), janus.log());
        console.flush();
        return janus;
    }
}
