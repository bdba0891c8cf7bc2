package io.parley.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * The load client, a process of its own (its own file descriptors; pinned to its own core by the driver):
 * reads a {@link ClientJob}, drives the rooms on one Vert.x event loop, and talks to the driver through its
 * standard streams: {@code @<event>} lines out when something happens the driver measures around (a window
 * starts or ends, every socket is connected), {@code #result <json>} at the end; a line in means "go on".
 */
public final class LoadClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BufferedReader DRIVER = new BufferedReader(new InputStreamReader(System.in,
            StandardCharsets.UTF_8));

    private LoadClient() {
    }

    public static void main(String... args) throws Exception {
        ClientJob job = JSON.readValue(Path.of(args[0]).toFile(), ClientJob.class);
        // The flooders run each kind on an event loop of its own (FloodRun); every other scenario on one.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize("flood".equals(job.scenario()) ? 4 : 1)
                .setWorkerPoolSize(2)
                .setBlockedThreadCheckInterval(TimeUnit.MINUTES.toMillis(1)));
        WebSocketClientOptions options = new WebSocketClientOptions().setMaxConnections(100_000)
                .setConnectTimeout(30_000).setMaxFrameSize(65_536).setMaxMessageSize(65_536);
        if (job.localAddress() != null) {
            options.setLocalAddress(job.localAddress());
        }
        WebSocketClient client = vertx.createWebSocketClient(options);
        Promise<List<StepResult>> run = Promise.promise();
        vertx.getOrCreateContext().runOnContext(start -> scenario(vertx, client, job).onComplete(run));
        int exit = 0;
        try {
            List<StepResult> results = run.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
            System.out.println("#result " + JSON.writeValueAsString(results));
        } catch (Exception e) {
            System.out.println("#failed " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.out.flush();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.exit(exit);
    }

    private static Future<List<StepResult>> scenario(Vertx vertx, WebSocketClient client, ClientJob job) {
        return switch (job.scenario()) {
            case "chat", "voice", "bystanders" -> new TrafficRun(vertx, client, job).run();
            case "flood" -> new FloodRun(vertx, job).run();
            case "setup" -> new SetupRun(vertx, client, job).run();
            case "idle" -> new IdleRun(vertx, client, job).run();
            case "reconnect" -> new ReconnectRun(vertx, client, job).run();
            default -> Future.failedFuture("unknown scenario " + job.scenario());
        };
    }

    /** Tells the driver something happened now. */
    static void event(String name) {
        System.out.println("@" + name);
        System.out.flush();
    }

    /** Waits (off the event loop) for the driver's line that says go on. */
    static Future<Void> awaitDriver(Vertx vertx) {
        return vertx.executeBlocking(() -> {
            DRIVER.readLine();
            return null;
        }, false);
    }
}
