package io.meetload.coordinator;

import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;

/** Where workers reach this coordinator: the configured URL, or this process's own HTTP port on loopback. */
@ApplicationScoped
public class CoordinatorUrl {

    private final CoordinatorConfig config;
    private final ValueRegistry registry;

    public CoordinatorUrl(CoordinatorConfig config, ValueRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    public URI get() {
        return config.url().orElseGet(() -> URI.create("http://127.0.0.1:" + port()));
    }

    /** The port actually bound (port 0 in the configuration means "any free one"). */
    public int port() {
        HttpServer server = registry.getOrDefault(HttpServer.HTTP_SERVER, null);
        if (server != null && server.getPort() > 0) {
            return server.getPort();
        }
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    }
}
