package io.parley.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real service for the CLI's tests: the packaged jar ({@code -Dparley.jar}, built by the service's
 * own build) with the demo configuration, on a free port, with its own embedded PostgreSQL.
 */
final class RunningParley implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int managementPort;

    private RunningParley(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    static RunningParley start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("parley.jar", "../target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the service first (bin/test does)");
        }
        Path home = Path.of("target", "parley-service").toAbsolutePath();
        Files.createDirectories(home);
        int port = freePort();
        int managementPort = freePort();
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.profile=demo", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Dparley.services.sales.routing.offer-timeout=60s",
                // Small pages, so that a transcript of a few messages comes in several (the CLI follows them).
                "-Dparley.limits.history-bytes=2K", "-jar", jar.toString()))
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("parley.log").toFile()).start();
        RunningParley parley = new RunningParley(process, port, managementPort);
        parley.awaitReady(Duration.ofSeconds(90));
        return parley;
    }

    String url() {
        return "http://localhost:" + port;
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited with " + process.exitValue()
                        + "; see target/parley-service/parley.log");
            }
            try {
                URI ready = URI.create("http://localhost:" + managementPort + "/q/health/ready");
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(ready).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Parley was not ready within " + limit);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
