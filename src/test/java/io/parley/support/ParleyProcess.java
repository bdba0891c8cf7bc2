package io.parley.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as its own process, for tests
 * that kill it or signal it the way an operating system or Kubernetes would.
 */
public final class ParleyProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final int port;
    private final int managementPort;

    private ParleyProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts the demo configuration on a free port against the given datasource; waits until it is ready. */
    public static ParleyProcess start(Map<String, String> datasource, Path log) throws IOException {
        return start(datasource, Map.of(), log);
    }

    /** As {@link #start(Map, Path)}, with further settings (system properties). */
    public static ParleyProcess start(Map<String, String> datasource, Map<String, String> settings, Path log)
            throws IOException {
        ParleyProcess parley = spawn(List.of(), List.of(), datasource, settings, log);
        parley.awaitReady(Duration.ofSeconds(60), Duration.ofMillis(200));
        return parley;
    }

    /**
     * Starts the process as {@link #start(Map, Map, Path)} does, run by {@code launcher} ({@code taskset -c 0}, say;
     * or nothing) with these options for the JVM (an AOT cache, say), and answers at once: {@link #awaitReady} waits
     * for it.
     */
    public static ParleyProcess spawn(List<String> launcher, List<String> jvmOptions, Map<String, String> datasource,
            Map<String, String> settings, Path log) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run this test in the integration-test phase");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.profile=demo", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Dparley.tokens.secret=crash-test-secret-crash-test-secret-0123456789"));
        datasource.forEach((key, value) -> command.add("-D" + key + "=" + value));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ParleyProcess(process, port, managementPort);
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Health, metrics and OpenAPI: the management interface's own port ({@code /q/health/ready}, ...). */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Sends SIGTERM (as Kubernetes does) without waiting for the process to end. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; answers its exit code. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Parley did not stop within " + limit + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no shutdown hooks, nothing flushed that was not already written. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits until {@code /q/health/ready} answers 200, asking every {@code poll}; fails after {@code limit}. */
    public void awaitReady(Duration limit, Duration poll) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited with " + process.exitValue() + " during start-up");
            }
            try {
                HttpResponse<Void> response = client
                        .send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                                .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Parley was not ready within " + limit);
    }

    /** A port nothing listens on now (the kernel's pick). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
