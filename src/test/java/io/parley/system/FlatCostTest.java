package io.parley.system;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.customer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.system.routing.Dispatcher;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * The cost of a chat message, of a leg message and of a set-up (a CSR opens a room, a customer joins it, both
 * connect) does not grow with the system: counted in statements
 * (PostgreSQL's pg_stat_statements, loaded by the tests' embedded database) with 2,000 more open sessions
 * and 200 more agents seeded, it is the same number of statements as before, none of them reading more than
 * a few rows (no read of every agent, every leg or every offer); and a timed routing round with nobody waiting
 * reads what is due, not every agent. The routing tick is off in this profile so
 * that only what the request causes is counted; each figure is the least of three tries, so a periodic
 * sweep that happens to run meanwhile does not count.
 */
@QuarkusTest
@TestProfile(FlatCostTest.Quiet.class)
class FlatCostTest {

    private static final String SEED = "flat-seed";
    private static final int SESSIONS = 2000;
    private static final int AGENTS = 200;

    public static class Quiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.routing.tick", "1h", "parley.system.reconnect-grace", "60s",
                    // The benchmark's set-up: a room of any subject that a CSR opens and a visitor joins.
                    "parley.services.flat-room.name", "Flat room", "parley.services.flat-room.behaviour",
                    "subject-room", "parley.services.flat-room.media", "chat");
        }
    }

    @Inject
    Pool pool;
    @Inject
    Dispatcher dispatcher;

    /** What a request cost: statements run and the most rows any of them read or wrote. */
    private record Cost(long statements, long mostRows, List<String> heaviest) {
    }

    private <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private Cost measure(Runnable request) throws Exception {
        Cost least = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            await(pool.query("select pg_stat_statements_reset()").execute());
            request.run();
            // What the request set going after its answer (announcements, a routing round) counts too.
            Parley.pause(Duration.ofMillis(300));
            RowSet<Row> rows = await(pool.query("select query, calls, rows from pg_stat_statements "
                    + "where query not like '%pg_stat_statements%' order by rows desc").execute());
            long statements = 0;
            long mostRows = 0;
            List<String> heaviest = new ArrayList<>();
            for (Row row : rows) {
                statements += row.getLong("calls");
                long perCall = row.getLong("rows") / Math.max(1, row.getLong("calls"));
                mostRows = Math.max(mostRows, perCall);
                if (heaviest.size() < 3) {
                    heaviest.add(perCall + " rows: " + row.getString("query").replaceAll("\\s+", " "));
                }
            }
            Cost cost = new Cost(statements, mostRows, heaviest);
            least = least == null || cost.statements() < least.statements() ? cost : least;
        }
        return least;
    }

    private void seed() throws Exception {
        await(pool.query("insert into agent (id, display_name, skills, max_sessions, presence, presence_since, "
                + "idle_since, updated_at, state) select 'seed-' || g, 'Seed ' || g, '{\"sales\":5}', 100, 'OFFLINE', "
                + "now(), now(), now(), 'offline' from generate_series(1, " + AGENTS + ") g").execute());
        await(pool.query("insert into service_session (id, service_id, subject, state, version, created_at) "
                + "select gen_random_uuid(), 'sales', '" + SEED + "', 'active', 1, now() from generate_series(1, "
                + SESSIONS + ")").execute());
        await(pool.query("insert into leg (id, session_id, position, endpoint_kind, endpoint_id, role, state, "
                + "channels, since) select gen_random_uuid(), s.id, p.position, "
                + "case p.position when 0 then 'customer' else 'csr' end, "
                + "case p.position when 0 then 'v-' || s.id else 'seed-' || (1 + abs(hashtext(s.id::text)) % "
                + AGENTS + ") end, case p.position when 0 then 'customer' else 'csr' end, 'connected', '{}', now() "
                + "from service_session s cross join (values (0), (1)) p(position) where s.subject = '" + SEED + "'")
                .execute());
        await(pool.query("analyze").execute());
    }

    @AfterAll
    static void unseed() throws Exception {
        // The other test classes share the database: the seeded rows go.
        Pool pool = Arc.container().instance(Pool.class).get();
        for (String delete : List.of(
                "delete from leg where session_id in (select id from service_session where subject = '" + SEED + "')",
                "delete from service_session where subject = '" + SEED + "'",
                "delete from agent_event where agent_id like 'seed-%'",
                "delete from agent where id like 'seed-%'")) {
            pool.query(delete).execute().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChatMessageALegMessageAndASetUpCostTheSameWith2000SessionsAnd200AgentsMore() throws Exception {
        await(pool.query("create extension if not exists pg_stat_statements").execute());
        Parley.reset();
        JsonPath started = as("alice").body(Map.of("service", "callback", "with", customer("flat@example.com")))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        try (Leg alice = new Leg(started).connect()) {
            alice.control.await("roster", roster -> roster.at("/session/legs/0/state").asText().equals("connected"));
            int[] sent = {0};
            int[] reported = {0};
            Runnable chat = () -> {
                alice.say("c-" + ++sent[0], "message " + sent[0]);
                alice.chat.await("ack");
            };
            Runnable legMessage = () -> {
                String chatState = reported[0]++ % 2 == 0 ? "disconnected" : "connected";
                alice.control.send(Map.of("type", "leg-state", "channels", Map.of("chat", chatState)));
                alice.control.await("roster", roster -> roster.at("/session/legs/0/channels/chat").asText()
                        .equals(chatState));
            };
            int[] rooms = {0};
            Runnable setUp = () -> {
                String subject = "room-" + ++rooms[0];
                JsonPath opened = as("operator").body(Map.of("service", "flat-room", "subject", subject,
                        "onBehalfOf", Parley.csr("bob"))).post("/api/sessions").then().log().ifValidationFails()
                        .statusCode(201).extract()
                        .jsonPath();
                JsonPath joined = RestAssured.given().contentType(ContentType.JSON).body(Map.of("service",
                        "flat-room", "subject", subject)).post("/api/sessions").then().statusCode(200).extract()
                        .jsonPath();
                try (Leg csr = new Leg(opened).connect(); Leg visitor = new Leg(joined).connect()) {
                    visitor.control.await("roster", roster -> roster.toString().split("\"connected\"", -1).length > 2);
                }
            };
            Cost chatSmall = measure(chat);
            Cost legSmall = measure(legMessage);
            Cost setUpSmall = measure(setUp);
            seed();
            Cost chatLarge = measure(chat);
            Cost legLarge = measure(legMessage);
            Cost setUpLarge = measure(setUp);

            // The routing tick with nobody waiting: the first timed round refreshes every CSR (a safety net, once a
            // minute); the next reads what is due in it, not every agent, offer or waiting session.
            dispatcher.request(true);
            Parley.pause(Duration.ofSeconds(1));
            Cost tick = measure(() -> dispatcher.request(true));
            System.out.printf("Statements per timed routing round with nobody waiting, large system: %d%n",
                    tick.statements());
            assertThat(tick.mostRows()).as("a quiet timed round reads no table whole: %s", tick)
                    .isLessThanOrEqualTo(10);

            // The counts themselves are figures for the README, not pass/fail: printed.
            System.out.printf("Statements per request, small system then large: chat %d then %d, leg message %d then"
                    + " %d, set-up %d then %d%n", chatSmall.statements(), chatLarge.statements(),
                    legSmall.statements(), legLarge.statements(), setUpSmall.statements(), setUpLarge.statements());
            assertThat(chatLarge.statements()).as("chat: %s then %s", chatSmall, chatLarge)
                    .isEqualTo(chatSmall.statements());
            assertThat(chatLarge.mostRows()).as("chat reads no table whole: %s", chatLarge).isLessThanOrEqualTo(10);
            assertThat(legLarge.statements()).as("leg message: %s then %s", legSmall, legLarge)
                    .isEqualTo(legSmall.statements());
            assertThat(legLarge.mostRows()).as("leg message reads no table whole: %s", legLarge)
                    .isLessThanOrEqualTo(10);
            // A set-up's count moves by a few statements with the order its four sockets open in (one leg message
            // or two): a bound, not an equality; what grew with the system was the rows read.
            assertThat(setUpLarge.statements()).as("set-up: %s then %s", setUpSmall, setUpLarge)
                    .isLessThanOrEqualTo(setUpSmall.statements() + setUpSmall.statements() / 10);
            assertThat(setUpLarge.mostRows()).as("set-up reads no table whole: %s", setUpLarge)
                    .isLessThanOrEqualTo(10);
        }
    }
}
