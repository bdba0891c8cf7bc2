package io.parley.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A NATS server of its own for a test (Debian's {@code nats-server}, which {@code bin/test} installs; or the one
 * {@code PARLEY_NATS_SERVER} names), on a free port of 127.0.0.1, its log in {@code target/}. It can be stopped
 * and started again on the same port, as a broker restart is.
 */
public final class NatsServer implements AutoCloseable {

    private final Path log;
    private final int port;
    private Process process;

    private NatsServer(Path log, int port) {
        this.log = log;
        this.port = port;
    }

    public static NatsServer start(Path log) throws IOException {
        NatsServer server = new NatsServer(log, ParleyProcess.freePort());
        server.start();
        return server;
    }

    /** Where the service connects: {@code nats://127.0.0.1:PORT}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port and waits until it takes connections. */
    public void start() throws IOException {
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(List.of(executable(), "-a", "127.0.0.1", "-p", String.valueOf(port)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nats-server stopped at start, see " + log);
                }
                sleep();
            }
        }
        throw new IllegalStateException("nats-server did not take connections within 10 s, see " + log);
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /** Stops the server (its clients see the connection close). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static String executable() {
        String named = System.getenv("PARLEY_NATS_SERVER");
        if (named != null && !named.isBlank()) {
            return named;
        }
        for (String candidate : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server",
                "/usr/local/bin/nats-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("These tests need nats-server: run bin/test (it installs Debian's"
                + " nats-server) or 'apt-get install nats-server', or set PARLEY_NATS_SERVER to its executable");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
