package io.meetload.worker;

import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** The port this process's HTTP server really listens on (it may have been asked for port 0). */
@ApplicationScoped
public class HttpPort {

    private final Instance<HttpServer> server;

    public HttpPort(Instance<HttpServer> server) {
        this.server = server;
    }

    public int get() {
        int port = server.get().getPort();
        if (port <= 0) {
            throw new IllegalStateException("the HTTP server is not listening");
        }
        return port;
    }
}
