package io.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@link LoadClient} process started by the driver, pinned to the client's core: its {@code @event} lines
 * go to a listener as they come (on the reader's thread), its result is parsed at the end.
 */
final class ClientProcess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static int started;

    private final Process process;
    private final Writer toClient;
    private final CompletableFuture<List<StepResult>> result = new CompletableFuture<>();

    private ClientProcess(Process process) {
        this.process = process;
        this.toClient = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static ClientProcess start(ClientJob job, String cores, Consumer<String> events) {
        try {
            Path file = Path.of("target", "bench-client-" + started++ + ".json");
            JSON.writeValue(file.toFile(), job);
            Path log = Path.of("target", "bench-client.log");
            Files.writeString(log, "--- " + job.scenario() + " " + (job.relay() ? "relay" : "parley") + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Process process = new ProcessBuilder("taskset", "-c", cores, Path.of(System.getProperty("java.home"),
                    "bin", "java").toString(), "-Xmx3g", "-XX:+UseParallelGC", "-cp",
                    System.getProperty("java.class.path"), LoadClient.class.getName(), file.toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ClientProcess client = new ClientProcess(process);
            Thread reader = new Thread(() -> client.read(events), "client-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(Consumer<String> events) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("@")) {
                    events.accept(line.substring(1));
                } else if (line.startsWith("#result ")) {
                    result.complete(JSON.readValue(line.substring(8), new TypeReference<List<StepResult>>() {
                    }));
                } else if (line.startsWith("#failed ")) {
                    result.completeExceptionally(new IllegalStateException("load client: " + line.substring(8)
                            + " (see target/bench-client.log)"));
                }
            }
            result.completeExceptionally(new IllegalStateException("the load client ended without a result "
                    + "(see target/bench-client.log)"));
            events.accept("ended");
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Tells the client to go on. */
    void proceed() {
        try {
            toClient.write("go\n");
            toClient.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client's figures; stops it if it takes longer than {@code minutes}. */
    List<StepResult> await(int minutes) {
        try {
            return result.get(minutes, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
        } finally {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
