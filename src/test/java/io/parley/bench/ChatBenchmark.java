package io.parley.bench;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.EmbeddedDatabase;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.ParleyProcess;
import io.parley.support.WsClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Figures for the core path, against the packaged service with its own PostgreSQL: how long a customer
 * waits for a session (REST start, routing, storing), and for a chat message to be stored and
 * acknowledged over its WebSocket, for routing to offer a session to an agent's console and to invite it
 * once it accepts, and for a chat message to reach the CSR when both are connected to one replica and
 * when they are on two, next to a baseline of a plain HTTP round trip to the same server.
 * Prints figures; asserts nothing. Run with {@code bin/bench latency}.
 */
public final class ChatBenchmark {

    private static final int WARM_UP = 200;
    private static final int SESSIONS = 300;
    private static final int MESSAGES = 2000;
    private static final int ROUTED = 200;
    private static final int DELIVERIES = 1000;

    private ChatBenchmark() {
    }

    public static void main(String... args) throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(Path.of("target", "bench-postgres"), true);
                ParleyProcess parley = ParleyProcess.start(database.datasourceProperties(),
                        Path.of("target", "bench.log"))) {
            String url = parley.url();
            // The demo's three agents take 8 sessions at once; the benchmark's customers end theirs.
            long[] baseline = measure(WARM_UP + MESSAGES,
                    () -> given().baseUri(parley.managementUrl()).get("/q/health/live")
                            .then().statusCode(200));
            long[] starts = new long[SESSIONS];
            for (int i = 0; i < SESSIONS; i++) {
                long t0 = System.nanoTime();
                JsonPath started = start(url);
                starts[i] = System.nanoTime() - t0;
                given().baseUri(url).header("Authorization", "Bearer " + started.getString("visitorToken"))
                        .contentType(ContentType.JSON).delete("/api/sessions/{id}/legs/{leg}",
                                started.getString("session.id"), started.getString("legId"))
                        .then().statusCode(200);
            }
            long[][] routing = routing(url);
            long[] acks;
            try (Leg customer = new Leg(start(url)).connect()) {
                customer.control.await("roster");
                int[] n = {0};
                acks = measure(WARM_UP + MESSAGES, () -> {
                    String id = "m-" + n[0]++;
                    customer.say(id, "benchmark message " + id);
                    customer.chat.await("ack", ack -> ack.path("clientId").asText().equals(id));
                    customer.chat.unclaimed();
                });
            }
            long rssKb = rss(parley.pid());
            long[][] sameReplica = delivery(url, url);
            long[][] acrossReplicas;
            try (ParleyProcess second = ParleyProcess.start(database.datasourceProperties(),
                    Path.of("target", "bench-second.log"))) {
                acrossReplicas = delivery(url, second.url());
            }
            long[] startsSorted = starts.clone();
            Arrays.sort(startsSorted);
            System.out.println();
            System.out.println("Parley core benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                    + "client and server on this machine, one client at a time)");
            row("baseline: HTTP GET /q/health/live", baseline, baseline);
            row("session start: POST /api/sessions", startsSorted, baseline);
            row("chat: message stored + acked (WS)", acks, baseline);
            row("routing: start until offer on console", routing[0], baseline);
            row("routing: accept until invitation", routing[1], baseline);
            row("chat: sent until the CSR has it", sameReplica[0], baseline);
            row("  the CSR on a second replica", acrossReplicas[0], baseline);
            row("read receipt: stored, at the customer", sameReplica[1], baseline);
            row("  the CSR on a second replica", acrossReplicas[1], baseline);
            System.out.printf("chat throughput, one sender awaiting each ack: %.0f messages/s%n",
                    1e9 / mean(acks));
            System.out.printf("server resident memory after the run: %d MiB%n", rssKb / 1024);
        } finally {
            WsClient.shutdown();
        }
    }

    /**
     * A console takes {@link #ROUTED} customers one after another: how long from the customer's start
     * to the offer on the agent's console, and from its accept to the invitation with connection details.
     */
    private static long[][] routing(String url) {
        for (String agent : List.of("alice", "carol")) {
            given().baseUri(url).auth().preemptive().basic("operator", "parley").contentType(ContentType.JSON)
                    .body(Map.of("presence", "away")).put("/api/agents/{id}/presence", agent).then().statusCode(200);
        }
        JsonPath token = given().baseUri(url).auth().preemptive().basic("bob", "parley")
                .post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
        List<Long> offered = new ArrayList<>();
        List<Long> invited = new ArrayList<>();
        try (WsClient console = WsClient.connect(token.getString("url"), token.getString("token"))) {
            console.await("hello");
            for (int i = 0; i < WARM_UP / 4 + ROUTED; i++) {
                long t0 = System.nanoTime();
                JsonPath started = given().baseUri(url).contentType(ContentType.JSON)
                        .body(Map.of("service", "support", "subject", "delivery"))
                        .post("/api/sessions").then().statusCode(201).extract().jsonPath();
                String session = started.getString("session.id");
                JsonNode offer = console.await("offer", o -> o.at("/session/id").asText().equals(session));
                long t1 = System.nanoTime();
                console.send(Map.of("type", "accept-offer", "offerId", offer.path("offerId").asText()));
                console.await("invitation", inv -> inv.at("/session/id").asText().equals(session));
                long t2 = System.nanoTime();
                if (i >= WARM_UP / 4) {
                    offered.add(t1 - t0);
                    invited.add(t2 - t1);
                }
                given().baseUri(url).header("Authorization", "Bearer " + started.getString("visitorToken"))
                        .contentType(ContentType.JSON).delete("/api/sessions/{id}/legs/{leg}", session,
                                started.getString("legId"))
                        .then().statusCode(200);
                console.unclaimed();
            }
        }
        return new long[][] {sorted(offered), sorted(invited)};
    }

    /**
     * A customer (connected to {@code customerUrl}) writes to alice (connected to {@code agentUrl}), one
     * message at a time: how long until her chat channel has it; then alice sends read receipts: how long
     * until the customer has each (stored on the way). Two URLs of two replicas measure the way through the
     * replicas' channel (PostgreSQL NOTIFY, then a read of the message).
     */
    private static long[][] delivery(String customerUrl, String agentUrl) {
        given().baseUri(customerUrl).auth().preemptive().basic("operator", "parley").contentType(ContentType.JSON)
                .body(Map.of("presence", "available")).put("/api/agents/{id}/presence", "alice").then()
                .statusCode(200);
        JsonPath started = given().baseUri(customerUrl).contentType(ContentType.JSON)
                .body(Map.of("service", "sales", "subject", "pricing", "with", Map.of("kind", "csr", "id", "alice")))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String sessionId = started.getString("session.id");
        Parley.acceptOffer(agentUrl, "alice", sessionId);
        JsonPath joined = given().baseUri(agentUrl).auth().preemptive().basic("alice", "parley")
                .contentType(ContentType.JSON).body("{}").post("/api/sessions/{id}/legs", sessionId).then()
                .statusCode(200).extract().jsonPath();
        try (Leg customer = new Leg(started).connect(); Leg alice = new Leg(joined).connect()) {
            int[] n = {0};
            long[] latencies = measure(WARM_UP + DELIVERIES, () -> {
                String text = "to alice " + n[0]++;
                customer.say("d-" + n[0], text);
                alice.chat.await("message", message -> message.path("text").asText().equals(text));
                alice.chat.unclaimed();
                customer.chat.unclaimed();
            });
            long[] read = {0};
            long[] receipts = measure(WARM_UP + DELIVERIES, () -> {
                long seq = ++read[0];
                alice.chat.send(Map.of("type", "read", "seq", seq));
                customer.chat.await("read", receipt -> receipt.path("seq").asLong() == seq);
                customer.chat.unclaimed();
            });
            given().baseUri(agentUrl).auth().preemptive().basic("alice", "parley").contentType(ContentType.JSON)
                    .body("{}").post("/api/sessions/{id}/end", sessionId).then().statusCode(200);
            return new long[][] {latencies, receipts};
        }
    }

    private static long[] sorted(List<Long> samples) {
        return samples.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static JsonPath start(String url) {
        return given().baseUri(url).contentType(ContentType.JSON)
                .body(Map.of("service", "sales", "subject", "pricing"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
    }

    /** Runs the action {@code total} times; answers the sorted latencies after the warm-up. */
    private static long[] measure(int total, Runnable action) {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long t0 = System.nanoTime();
            action.run();
            if (i >= WARM_UP) {
                samples.add(System.nanoTime() - t0);
            }
        }
        return samples.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static void row(String name, long[] sorted, long[] baseline) {
        System.out.printf("%-40s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  (p50 x%.1f baseline)%n", name,
                ms(pct(sorted, 50)), ms(pct(sorted, 95)), ms(pct(sorted, 99)),
                (double) pct(sorted, 50) / pct(baseline, 50));
    }

    private static long pct(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
