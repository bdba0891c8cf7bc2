package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;

/**
 * REST flooders of the {@code flood} mode: from each of a few source addresses (127.0.0.x, so that the server
 * sees distinct clients by their connections, as a deployment without a trusted proxy does), {@code inFlight}
 * requests at a time, the next as soon as one is answered. What an answer means is the {@link Judge}'s call.
 */
final class HttpFlood implements Flooder {

    /** Sorts an answer into the counter: accepted, checked, or refused (and whether that was a limit). */
    interface Judge {
        void judge(HttpClientResponse response, int source, FloodTally.Counter counter);
    }

    /** One request: its options (URI, method, headers) and body. */
    record Request(RequestOptions options, Buffer body) {
    }

    private final Vertx vertx;
    private final String base;
    private final List<HttpClient> clients = new ArrayList<>();
    private final FloodTally.Counter counter;
    private final int inFlight;
    private final IntFunction<Request> request;
    private final Judge judge;
    private boolean running;
    private int made;

    HttpFlood(Vertx vertx, String base, String kind, List<String> addresses, int inFlight,
            IntFunction<Request> request, Judge judge) {
        this.vertx = vertx;
        this.base = base;
        for (String address : addresses) {
            clients.add(vertx.createHttpClient(new HttpClientOptions().setLocalAddress(address)
                    .setMaxPoolSize(inFlight).setKeepAlive(true).setConnectTimeout(10_000)));
        }
        this.counter = new FloodTally.Counter(kind, addresses.size() + " addresses (" + String.join(", ", addresses)
                + "), " + inFlight + " requests in flight each", addresses.size());
        this.inFlight = inFlight;
        this.request = request;
        this.judge = judge;
    }

    /**
     * One {@code GET /} from each address, before the flood: the client's code loaded and its connections made,
     * so that the first request of the flood is timed and not the client's start. No limit counts it.
     */
    @Override
    public Future<Void> prepare() {
        List<Future<Buffer>> pages = new ArrayList<>();
        for (HttpClient client : clients) {
            pages.add(client.request(new RequestOptions().setAbsoluteURI(base + "/").setTimeout(30_000))
                    .compose(HttpClientRequest::send).compose(HttpClientResponse::body));
        }
        return Future.all(pages).mapEmpty();
    }

    @Override
    public String kind() {
        return counter.kind();
    }

    @Override
    public void start() {
        running = true;
        for (int source = 0; source < clients.size(); source++) {
            for (int i = 0; i < inFlight; i++) {
                next(source);
            }
        }
    }

    @Override
    public FloodTally stop() {
        running = false;
        return counter.tally();
    }

    private void next(int source) {
        if (!running) {
            return;
        }
        Request next = request.apply(made++);
        counter.sent(source);
        clients.get(source).request(next.options().setTimeout(60_000))
                .compose(sent -> sent.send(next.body()).compose(response -> response.body().map(body -> response)))
                .onComplete(answer -> {
                    if (answer.succeeded()) {
                        judge.judge(answer.result(), source, counter);
                        next(source);
                    } else {
                        // No answer (a connection refused or reset): not a refusal; try again a little later.
                        counter.failed++;
                        vertx.setTimer(10, t -> next(source));
                    }
                });
    }
}
