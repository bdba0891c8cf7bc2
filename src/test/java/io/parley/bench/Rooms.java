package io.parley.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * Rooms as the load client makes them. On Parley: the operator opens the room of a {@code subject-room}
 * service for subject {@code <prefix>-<i>} on behalf of CSR {@code bench-<i % agents>} (REST, the CSR's
 * replica), then a visitor without an account joins it by the subject (the visitor's replica). On the relay:
 * the channel URLs of the relay's room {@code i}, no request.
 */
final class Rooms {

    /** The two participants of a room. */
    record Room(int number, Peer csr, Peer visitor) {
    }

    private static final String OPERATOR = "Basic "
            + Base64.getEncoder().encodeToString("operator:parley".getBytes(StandardCharsets.UTF_8));

    private final ClientJob job;
    private final HttpClient http;

    Rooms(Vertx vertx, ClientJob job) {
        this.job = job;
        HttpClientOptions options = new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true)
                .setConnectTimeout(10_000);
        if (job.localAddress() != null) {
            options.setLocalAddress(job.localAddress());
        }
        this.http = vertx.createHttpClient(options);
    }

    /** Room {@code number} (made on Parley, or the relay's). */
    Future<Room> make(int number) {
        if (job.relay()) {
            return Future.succeededFuture(new Room(number, relayPeer(job.csrBase(), number, "csr"),
                    relayPeer(job.visitorBase(), number, "visitor")));
        }
        String subject = job.subjects() + "-" + number;
        JsonObject opening = new JsonObject().put("service", "bench").put("subject", subject).put("onBehalfOf",
                new JsonObject().put("kind", "csr").put("id", "bench-" + number % job.agents()));
        return post(job.csrBase(), OPERATOR, opening, 201).compose(csr -> post(job.visitorBase(), null,
                new JsonObject().put("service", "bench").put("subject", subject), 200)
                .map(visitor -> new Room(number, Peer.of(csr.getJsonObject("connection")),
                        Peer.of(visitor.getJsonObject("connection")))));
    }

    /** Rooms {@code first..first+count-1}, at most {@code parallel} requests at once. */
    Future<List<Room>> makeAll(int first, int count, int parallel) {
        if (job.relay()) {
            List<Room> rooms = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                rooms.add(make(first + i).result());
            }
            return Future.succeededFuture(rooms);
        }
        return inBatches(count, parallel, i -> make(first + i));
    }

    /** Runs {@code task(0..count-1)}, at most {@code parallel} at once; the answers in order. */
    static <T> Future<List<T>> inBatches(int count, int parallel, IntFunction<Future<T>> task) {
        List<T> answers = new ArrayList<>(Collections.nCopies(count, null));
        Promise<List<T>> all = Promise.promise();
        int[] next = {0};
        int[] done = {0};
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            if (next[0] >= count) {
                return;
            }
            int i = next[0]++;
            task.apply(i).onComplete(answer -> {
                if (answer.failed()) {
                    all.tryFail(answer.cause());
                    return;
                }
                answers.set(i, answer.result());
                if (++done[0] == count) {
                    all.tryComplete(answers);
                } else {
                    launch[0].run();
                }
            });
        };
        if (count == 0) {
            return Future.succeededFuture(List.of());
        }
        for (int i = 0; i < Math.min(parallel, count); i++) {
            launch[0].run();
        }
        return all.future();
    }

    private Future<JsonObject> post(String base, String authorization, JsonObject body, int status) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/api/sessions")
                .putHeader("Content-Type", "application/json").setTimeout(30_000);
        if (authorization != null) {
            options.putHeader("Authorization", authorization);
        }
        return http.request(options).compose(request -> request.send(body.toBuffer())).compose(response -> response
                .body().compose(answer -> response.statusCode() == status || response.statusCode() == 201
                        ? Future.succeededFuture(answer.toJsonObject())
                        : Future.failedFuture("POST /api/sessions answered " + response.statusCode() + ": " + answer)));
    }

    private static Peer relayPeer(String base, int room, String role) {
        String ws = base.replaceFirst("^http", "ws") + "/r/" + room + "/" + role + "/";
        Map<Peer.Channel, String> urls = new EnumMap<>(Peer.Channel.class);
        for (Peer.Channel channel : Peer.Channel.values()) {
            urls.put(channel, ws + channel.wire());
        }
        return new Peer("relay", urls);
    }
}
