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

    private RunningParley(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RunningParley start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("parley.jar", "../target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the service first (bin/test does)");
        }
        Path home = Path.of("target", "parley-service").toAbsolutePath();
        Files.createDirectories(home);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.profile=demo", "-Dquarkus.http.port=" + port,
                "-Dparley.services.sales.routing.offer-timeout=60s", "-jar", jar.toString()))
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("parley.log").toFile()).start();
        RunningParley parley = new RunningParley(process, port);
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
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding());
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
