package io.parley.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The hostile clients of the {@code flood} mode, in a load-client process of their own (its own JVM and event
 * loop: the bystanders' client is never behind a flooder's work). Each kind comes from source addresses of its own
 * on 127.0.0.x, none of them exempt from a limit:
 * <ul>
 * <li>chat: {@code job.rooms()} visitors of rooms of their own (made from {@link #CHAT}) write as fast as their
 * sockets take frames, and reconnect when closed ({@link ChatFlood});</li>
 * <li>starts: anonymous {@code POST /api/sessions} (the demo's routed {@code sales} service) from
 * {@link #STARTS};</li>
 * <li>sign-ins: {@code POST /api/tokens/console} with HTTP Basic and wrong passwords for the demo's users and
 * for names nobody has, from {@link #SIGN_INS};</li>
 * <li>sockets: WebSocket upgrades without a valid token from {@link #SOCKETS} ({@link SocketFlood}).</li>
 * </ul>
 * Each kind runs on an event loop of its own (a verticle each), so that a kind that keeps its loop busy (chat
 * against a server that takes everything) does not slow the others down. Makes the chat flooders' rooms and
 * connects them, warms the REST and socket flooders' code up with requests no limit counts (a page, an upgrade to
 * no channel), says {@code @flood-ready}, floods from the driver's first word until its second, then says
 * {@code @flood-tally <json>} once per kind.
 */
final class FloodRun {

    /** The bystanders' two steps: before the flood and during it. */
    static final List<String> PHASES = List.of("quiet", "flood");
    static final String CHAT = "127.0.0.2";
    static final List<String> STARTS = List.of("127.0.0.3", "127.0.0.4", "127.0.0.5");
    static final List<String> SIGN_INS = List.of("127.0.0.6", "127.0.0.7");
    static final List<String> SOCKETS = List.of("127.0.0.8", "127.0.0.9");
    /** Requests (or upgrades) each REST or socket flooder has in flight at once. */
    static final int IN_FLIGHT = 8;
    private static final List<String> USERS = List.of("alice", "bob", "carol", "operator", "sam");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final List<Flooder> flooders;

    FloodRun(Vertx vertx, ClientJob job) {
        this.vertx = vertx;
        String base = job.visitorBase();
        Buffer start = Buffer.buffer("{\"service\":\"sales\",\"subject\":\"pricing\"}");
        this.flooders = List.of(new ChatFlood(vertx, job, CHAT),
                new HttpFlood(vertx, base, "starts", STARTS, IN_FLIGHT, n -> new HttpFlood.Request(
                        new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/api/sessions")
                                .putHeader("Content-Type", "application/json"),
                        start), FloodRun::judgeStart),
                new HttpFlood(vertx, base, "sign-ins", SIGN_INS, IN_FLIGHT, n -> new HttpFlood.Request(
                        new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/api/tokens/console")
                                .putHeader("Authorization", basic(n)),
                        Buffer.buffer()), FloodRun::judgeSignIn),
                new SocketFlood(vertx, base, SOCKETS, IN_FLIGHT));
    }

    /** One kind of flooder on an event loop of its own: deployed, it prepares; then it is told to go and stop. */
    private static final class OwnLoop extends AbstractVerticle {

        private final Flooder flooder;

        OwnLoop(Flooder flooder) {
            this.flooder = flooder;
        }

        @Override
        public void start(Promise<Void> prepared) {
            flooder.prepare().onComplete(prepared);
        }

        void go() {
            context.runOnContext(go -> flooder.start());
        }

        Future<FloodTally> halt() {
            Promise<FloodTally> tally = Promise.promise();
            context.runOnContext(stop -> tally.complete(flooder.stop()));
            return tally.future();
        }
    }

    Future<List<StepResult>> run() {
        List<OwnLoop> loops = flooders.stream().map(OwnLoop::new).toList();
        return Future.all(loops.stream().map(vertx::deployVerticle).toList()).compose(ready -> {
            LoadClient.event("flood-ready");
            return LoadClient.awaitDriver(vertx);
        }).compose(go -> {
            loops.forEach(OwnLoop::go);
            return LoadClient.awaitDriver(vertx);
        }).compose(stop -> Future.all(loops.stream().map(OwnLoop::halt).toList())).compose(halted -> {
            for (int i = 0; i < loops.size(); i++) {
                try {
                    LoadClient.event("flood-tally " + JSON.writeValueAsString(halted.<FloodTally>resultAt(i)));
                } catch (JsonProcessingException e) {
                    return Future.failedFuture(e);
                }
            }
            // Answers still on their way are not counted; let them land before the process ends.
            Promise<List<StepResult>> done = Promise.promise();
            vertx.setTimer(500, t -> done.complete(List.of()));
            return done.future();
        });
    }

    /** Wrong passwords in turn for the demo's users and for a name nobody has. */
    private static String basic(int n) {
        String user = n % (USERS.size() + 1) == USERS.size() ? "nobody-" + n : USERS.get(n % (USERS.size() + 1));
        return "Basic " + Base64.getEncoder().encodeToString((user + ":guess-" + n).getBytes(StandardCharsets.UTF_8));
    }

    private static void judgeStart(HttpClientResponse response, int source, FloodTally.Counter counter) {
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            counter.accepted++;
        } else {
            counter.refused(source, Integer.toString(status), status == 429);
        }
    }

    private static void judgeSignIn(HttpClientResponse response, int source, FloodTally.Counter counter) {
        int status = response.statusCode();
        if (status == 200) {
            counter.accepted++;
        } else if (status == 401 && response.getHeader("Retry-After") != null) {
            counter.refused(source, "401 Retry-After, unchecked", true);
        } else if (status == 401) {
            counter.checked++;
            counter.refused(source, "401 after a password check", false);
        } else {
            counter.refused(source, Integer.toString(status), false);
        }
    }
}
