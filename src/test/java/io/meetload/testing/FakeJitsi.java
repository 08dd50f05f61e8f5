package io.meetload.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves {@code jitsi/fake-jitsi.html} (a page with the surface of jitsi-meet the {@code jitsi}
 * driver reads) at every path of 127.0.0.1, as a Jitsi deployment serves its app at
 * {@code /ROOM}. The test hands each page commands ({@code join}, {@code media}, {@code kick},
 * {@code interrupt}, {@code resume}: the page's {@code window.fake}) by display name, and reads
 * back what each page saw ({@code loaded} with its path and parsed hash, {@code hangup}).
 */
public final class FakeJitsi implements AutoCloseable {

    /** One thing a page told: what happened, on which path, with which hash parameters. */
    public record Seen(String name, String what, String path, JsonNode params) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Queue<String>> commands = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final byte[] page = resource("jitsi/fake-jitsi.html");
    private final byte[] stats = resource("jitsi/getStats.json");

    private FakeJitsi(HttpServer server) {
        this.server = server;
    }

    public static FakeJitsi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeJitsi fake = new FakeJitsi(server);
        server.createContext("/", fake::handle);
        server.start();
        return fake;
    }

    /** The plan's target url: the page answers at {@code url/ROOM}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Queues a {@code window.fake} command for the page of this participant. */
    public void command(String participant, String command) {
        commands.computeIfAbsent(participant, k -> new ConcurrentLinkedQueue<>()).add(command);
    }

    public List<Seen> seen(String participant) {
        return seen.stream().filter(s -> s.name().equals(participant)).toList();
    }

    public boolean saw(String participant, String what) {
        return seen(participant).stream().anyMatch(s -> s.what().equals(what));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/fake/getStats.json" -> send(exchange, 200, "application/json", stats);
                case "/fake/control" -> {
                    Queue<String> queue = commands.get(participant(exchange.getRequestURI().getRawQuery()));
                    String next = queue == null ? null : queue.poll();
                    send(exchange, 200, "text/plain", next == null ? new byte[0] : next.getBytes(StandardCharsets.UTF_8));
                }
                case "/fake/seen" -> {
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    seen.add(new Seen(body.path("name").asText(), body.path("what").asText(),
                            body.path("path").asText(), body.path("params")));
                    send(exchange, 204, null, null);
                }
                default -> send(exchange, 200, "text/html; charset=utf-8", page);
            }
        }
    }

    private static String participant(String query) {
        String prefix = "name=";
        return query == null || !query.startsWith(prefix) ? ""
                : URLDecoder.decode(query.substring(prefix.length()), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = FakeJitsi.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
