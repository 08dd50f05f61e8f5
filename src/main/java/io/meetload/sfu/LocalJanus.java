package io.meetload.sfu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Janus (Debian's {@code janus} package) started on loopback with a configuration of its
 * own: only the HTTP transport (on 127.0.0.1) and the videoroom plugin, ICE only on {@code lo*}
 * interfaces. Janus skips loopback-flagged interfaces when it gathers candidates, so it needs
 * the {@code lo1} veth of {@code bin/in-netns} to carry media; without it every join is hollow.
 * Used by the demo ({@code run} with no plan) and by the tests.
 */
public final class LocalJanus implements AutoCloseable {

    /** Where Debian puts Janus's plugins and transports. */
    public static final Path LIB_DIR = Path.of("/usr/lib/x86_64-linux-gnu/janus");
    public static final Path BINARY = Path.of("/usr/bin/janus");
    public static final long DEMO_ROOM = 1234;

    private final Path dir;
    private final int port;
    private final Process process;

    private LocalJanus(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts Janus with its files under {@code dir} (created) and waits until its HTTP API
     * answers, at most {@code timeout}.
     *
     * @param port the HTTP API port on 127.0.0.1, or 0 for a free one
     */
    public static LocalJanus start(Path dir, int port, Duration timeout) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IOException(BINARY + " is missing: install the Debian package 'janus'");
        }
        int actualPort = port == 0 ? freePort() : port;
        Files.createDirectories(dir);
        Path plugins = linkOnly(dir.resolve("plugins"), LIB_DIR.resolve("plugins"), "libjanus_videoroom.so");
        Path transports = linkOnly(dir.resolve("transports"), LIB_DIR.resolve("transports"), "libjanus_http.so");
        Path none = Files.createDirectories(dir.resolve("none"));
        Files.writeString(dir.resolve("janus.jcfg"), """
                general: {
                  configs_folder = "%s"
                  plugins_folder = "%s"
                  transports_folder = "%s"
                  events_folder = "%s"
                  loggers_folder = "%s"
                  debug_level = 4
                  log_to_stdout = true
                }
                media: {
                  ipv6 = false
                }
                nat: {
                  nice_debug = false
                  ice_enforce_list = "lo"
                }
                """.formatted(dir, plugins, transports, none, none));
        Files.writeString(dir.resolve("janus.transport.http.jcfg"), """
                general: {
                  json = "plain"
                  base_path = "/janus"
                  http = true
                  port = %d
                  ip = "127.0.0.1"
                  https = false
                }
                admin: {
                  admin_http = false
                }
                """.formatted(actualPort));
        Files.writeString(dir.resolve("janus.plugin.videoroom.jcfg"), """
                general: {
                }
                room-%d: {
                  description = "meetload demo room"
                  publishers = 100
                  bitrate = 1000000
                  fir_freq = 10
                }
                """.formatted(DEMO_ROOM));
        Process process = new ProcessBuilder(List.of(BINARY.toString(), "-F", dir.toString(),
                "-C", dir.resolve("janus.jcfg").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("janus.log").toFile())
                .start();
        LocalJanus janus = new LocalJanus(dir, actualPort, process);
        Instant deadline = Instant.now().plus(timeout);
        while (!janus.answers()) {
            if (!process.isAlive()) {
                throw new IOException("janus exited with " + process.exitValue() + " at start; see " + dir.resolve("janus.log"));
            }
            if (Instant.now().isAfter(deadline)) {
                janus.close();
                throw new IOException("janus did not answer on 127.0.0.1:" + actualPort + " within " + timeout
                        + "; see " + dir.resolve("janus.log"));
            }
            try {
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                janus.close();
                throw new IOException("interrupted while janus started", e);
            }
        }
        return janus;
    }

    private static Path linkOnly(Path folder, Path from, String name) throws IOException {
        Files.createDirectories(folder);
        Path link = folder.resolve(name);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, from.resolve(name));
        return folder;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the HTTP API port accepts connections. */
    public boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The HTTP API, e.g. {@code http://127.0.0.1:8088/janus}. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + port + "/janus");
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return dir.resolve("janus.log");
    }

    /** Kills Janus at once (SIGKILL): the service under test fails. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
