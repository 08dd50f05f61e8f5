package io.meetload.chatops;

import io.meetload.coordinator.CoordinatorUrl;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Optional;

/** Links to runs in messages: from meetload.chatops.public-url, else the address a request came in on, else the coordinator's own. */
@ApplicationScoped
public class Links {

    private final Optional<URI> configured;
    private final CoordinatorUrl coordinator;

    public Links(ChatOpsConfig config, CoordinatorUrl coordinator) {
        this.configured = config.publicUrl();
        this.coordinator = coordinator;
    }

    /** The base for links: the configured public URL wins over what a request says about itself. */
    public URI base(URI requestBase) {
        return slash(configured.orElseGet(() -> requestBase != null ? requestBase : coordinator.get()));
    }

    public static URI run(URI base, String id) {
        return base.resolve("api/runs/" + id);
    }

    public static URI report(URI base, String id) {
        return base.resolve("api/runs/" + id + "/report");
    }

    public static URI verdict(URI base, String id) {
        return base.resolve("api/runs/" + id + "/verdict");
    }

    private static URI slash(URI base) {
        String s = base.toString();
        return s.endsWith("/") ? base : URI.create(s + "/");
    }
}
