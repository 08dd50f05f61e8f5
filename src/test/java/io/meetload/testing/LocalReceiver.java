package io.meetload.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The other side of an outgoing HTTP call (Slack's response_url, a webhook receiver): a real JDK
 * HTTP server on 127.0.0.1 that keeps every request it gets and answers as told.
 */
public final class LocalReceiver implements AutoCloseable {

    /** The port the webhook receiver of a test profile listens on, shared through a system property. */
    private static final String WEBHOOK_PORT = "meetloadtest.webhook-port";
    private static LocalReceiver webhooks;

    /** One request as it arrived; header names in lower case. */
    public record Received(String path, Map<String, String> headers, byte[] body, Instant at) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedDeque<Integer>> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile CountDownLatch gate;

    private LocalReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static LocalReceiver start() {
        try {
            return new LocalReceiver(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free loopback port for a profile's webhook URL, the same for the whole test JVM. */
    public static synchronized int webhookPort() {
        String port = System.getProperty(WEBHOOK_PORT);
        if (port == null) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = Integer.toString(probe.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(WEBHOOK_PORT, port);
        }
        return Integer.parseInt(port);
    }

    /** The receiver behind {@link #webhookPort()}, started on first use. */
    public static synchronized LocalReceiver webhooks() {
        if (webhooks == null) {
            try {
                webhooks = new LocalReceiver(webhookPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return webhooks;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /**
     * The statuses of the next answers to requests whose body contains {@code key}, in order; 200
     * once they are used up (keyed, so that other callers' requests do not use them up).
     */
    public void answer(String key, Integer... statuses) {
        answers.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
    }

    /** Requests from now on wait (at most 60 s) until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(headers), body, Instant.now()));
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Integer status = answers.entrySet().stream().filter(e -> text.contains(e.getKey()))
                .map(e -> e.getValue().poll()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
