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
 * against a server that takes everything) does not slow the others down. First the same flood comes from other
 * addresses and rooms for {@link #WARM_UP_SECONDS} (then as long a pause), so that the server meets the measured
 * flood warm; then the flooders make their rooms and connect, warm their own code up with requests no limit counts
 * (a page, an upgrade to no channel), say {@code @flood-ready}, flood from the driver's first word until its
 * second, and say {@code @flood-tally <json>} once per kind.
 */
final class FloodRun {

    /** The bystanders' two steps: before the flood and during it. */
    static final List<String> PHASES = List.of("quiet", "flood");
    static final String CHAT = "127.0.0.2";
    static final List<String> STARTS = List.of("127.0.0.3", "127.0.0.4", "127.0.0.5");
    static final List<String> SIGN_INS = List.of("127.0.0.6", "127.0.0.7");
    static final List<String> SOCKETS = List.of("127.0.0.8", "127.0.0.9");
    /** The kinds of flooder, as {@code --floods=} names them. */
    static final List<String> KINDS = List.of("chat", "starts", "sign-ins", "sockets");
    /** Requests (or upgrades) each REST or socket flooder has in flight at once. */
    static final int IN_FLIGHT = 8;
    /** Seconds of the same flood from other addresses (127.0.0.12-19) and rooms, before anything is measured. */
    static final int WARM_UP_SECONDS = 10;
    private static final int WARM_UP_SHIFT = 10;
    private static final List<String> USERS = List.of("alice", "bob", "carol", "operator", "sam");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final List<Flooder> warmUp;
    private final List<Flooder> flooders;

    FloodRun(Vertx vertx, ClientJob job) {
        this.vertx = vertx;
        this.warmUp = kinds(vertx, new ClientJob(job.scenario(), job.relay(), job.csrBase(), job.visitorBase(),
                shift(CHAT, WARM_UP_SHIFT), job.rooms(), job.firstRoom() + 1_000_000, job.subjects() + "-warm",
                job.agents(), job.rates(), job.prime(), job.warmup(), job.measure(), job.deadline(), job.payload(),
                job.floods()), WARM_UP_SHIFT);
        this.flooders = kinds(vertx, job, 0);
    }

    /** One flooder of each kind the job names (all if none), from the addresses above moved up by {@code shift}. */
    private static List<Flooder> kinds(Vertx vertx, ClientJob job, int shift) {
        List<String> wanted = job.floods().isEmpty() ? KINDS : job.floods();
        return allKinds(vertx, job, shift).stream().filter(flooder -> wanted.contains(flooder.kind())).toList();
    }

    private static List<Flooder> allKinds(Vertx vertx, ClientJob job, int shift) {
        String base = job.visitorBase();
        Buffer start = Buffer.buffer("{\"service\":\"sales\",\"subject\":\"pricing\"}");
        return List.of(new ChatFlood(vertx, job, shift(CHAT, shift)),
                new HttpFlood(vertx, base, "starts", shift(STARTS, shift), IN_FLIGHT, n -> new HttpFlood.Request(
                        new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + "/api/sessions")
                                .putHeader("Content-Type", "application/json"),
                        start), FloodRun::judgeStart),
                new HttpFlood(vertx, base, "sign-ins", shift(SIGN_INS, shift), IN_FLIGHT,
                        n -> new HttpFlood.Request(new RequestOptions().setMethod(HttpMethod.POST)
                                .setAbsoluteURI(base + "/api/tokens/console").putHeader("Authorization", basic(n)),
                                Buffer.buffer()),
                        FloodRun::judgeSignIn),
                new SocketFlood(vertx, base, shift(SOCKETS, shift), IN_FLIGHT));
    }

    private static String shift(String address, int by) {
        int last = address.lastIndexOf('.') + 1;
        return address.substring(0, last) + (Integer.parseInt(address.substring(last)) + by);
    }

    private static List<String> shift(List<String> addresses, int by) {
        return addresses.stream().map(address -> shift(address, by)).toList();
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
        return warm().compose(warm -> {
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
                return pause(500).map(paused -> List.of());
            });
        });
    }

    /**
     * The flood from the warm-up addresses for {@link #WARM_UP_SECONDS}, then a pause as long: a server is warm on
     * the paths a flood takes (its JIT has compiled them) before anything is measured, as one in service would be.
     */
    private Future<Void> warm() {
        List<OwnLoop> loops = warmUp.stream().map(OwnLoop::new).toList();
        return Future.all(loops.stream().map(vertx::deployVerticle).toList()).compose(ready -> {
            loops.forEach(OwnLoop::go);
            return pause(WARM_UP_SECONDS * 1000);
        }).compose(flooded -> Future.all(loops.stream().map(OwnLoop::halt).toList()))
                .compose(halted -> pause(WARM_UP_SECONDS * 1000));
    }

    private Future<Void> pause(long millis) {
        Promise<Void> done = Promise.promise();
        vertx.setTimer(millis, t -> done.complete());
        return done.future();
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
