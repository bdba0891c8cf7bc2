package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.operator;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every frame parser on the sockets (chat, control, page-push, voice text and audio, {@code /ws/endpoint}) fed
 * random and malformed frames from a seeded {@link Random}: nothing is thrown past the adapters (nothing is
 * logged as an error), nothing is stored that was not acknowledged, every fuzzed connection either stays open
 * and answers the next frame or was closed for its rate (1008), and the session and the other legs' connections
 * carry on.
 */
@QuarkusTest
class FrameFuzzTest {

    private static final long SEED = 0x9A4E_2026_1202L;
    private static final int ROUNDS = 8;
    /** Frames per connection: under the smallest burst, so that a round is about parsing, not rates. */
    private static final int FRAMES = 8;

    private static final Map<String, List<String>> TEMPLATES = Map.of(
            "chat", List.of("{\"type\":\"message\",\"clientId\":\"c-1\",\"text\":\"hello\"}",
                    "{\"type\":\"typing\",\"typing\":true}", "{\"type\":\"history\",\"after\":0}",
                    "{\"type\":\"read\",\"seq\":1}"),
            "control", List.of("{\"type\":\"leg-state\",\"channels\":{\"chat\":\"connected\"}}"),
            "page-push", List.of("{\"type\":\"navigate\",\"url\":\"http://localhost/demo/\"}",
                    "{\"type\":\"scroll\",\"x\":0.5,\"y\":0.25}", "{\"type\":\"pointer\",\"x\":0.1,\"y\":0.9}",
                    "{\"type\":\"highlight\",\"selector\":\"#cart\"}", "{\"type\":\"lead\"}"),
            "voice", List.of("{\"type\":\"mute\",\"muted\":true}",
                    "{\"type\":\"codecs\",\"decodes\":[\"opus\",\"pcm\"],\"reply\":true}"),
            "endpoint", List.of("{\"type\":\"accept-offer\",\"offerId\":\"00000000-0000-0000-0000-000000000000\"}",
                    "{\"type\":\"decline-offer\",\"offerId\":\"x\"}",
                    "{\"type\":\"decline\",\"sessionId\":\"s\",\"legId\":\"l\"}"));

    /** Where a failure thrown past an adapter is logged: Parley's code, websockets-next and Vert.x. */
    private static final List<Logger> WATCHED = List.of(Logger.getLogger("io.parley"),
            Logger.getLogger("io.quarkus.websockets.next"), Logger.getLogger("io.vertx"),
            Logger.getLogger("io.netty"));

    private final Random random = new Random(SEED);
    private final List<LogRecord> errors = new ArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                synchronized (errors) {
                    errors.add(record);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private Leg customer;
    private Leg alice;

    @BeforeEach
    void customerWithAliceAndALogThatCollectsErrors() {
        Parley.reset();
        customer = Leg.customerWith("alice");
        alice = customer.joinedBy("alice");
        WATCHED.forEach(logger -> logger.addHandler(collector));
        WATCHED.getFirst().severe("the collector hears errors");
        assertThat(errors).hasSize(1);
        errors.clear();
    }

    @AfterEach
    void stopCollecting() {
        WATCHED.forEach(logger -> logger.removeHandler(collector));
    }

    @Test
    void randomAndMalformedFramesOnEveryParserChangeNothingAndBreakNothing() {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (Leg aliceLeg = alice.connect(); Leg customerLeg = customer.connect()) {
            customerLeg.control.await("roster", r -> r.toString().contains("\"connected\""));
            JsonPath endpoint = as("bob").post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
            for (int round = 0; round < ROUNDS; round++) {
                for (String channel : List.of("chat", "control", "page-push", "voice", "endpoint")) {
                    boolean console = channel.equals("endpoint");
                    try (WsClient client = console
                            ? WsClient.connect(endpoint.getString("url"), endpoint.getString("token"))
                            : WsClient.connect(customer.url(channel), customer.token)) {
                        client.await(console ? "hello" : channel.equals("control") ? "welcome" : "ready");
                        for (int i = 0; i < FRAMES && !client.isClosed(); i++) {
                            send(client, channel);
                        }
                        String where = "seed %d, round %d, %s".formatted(SEED, round, channel);
                        if (!client.isClosed()) {
                            client.awaitHandled();
                            if (channel.equals("chat")) {
                                // Acks come as messages are stored, in the order they were sent, not before the
                                // answers to later frames: once this one is acknowledged, every earlier one is.
                                String last = "last-" + round;
                                client.send(Map.of("type", "message", "clientId", last, "text", "last"));
                                acknowledged.add(client.await("ack", ack -> ack.path("clientId").asText()
                                        .equals(last)).path("clientId").asText());
                            }
                        } else {
                            assertThat(client.awaitClose()).as("closed only for its rate: " + where)
                                    .isEqualTo((short) 1008);
                        }
                        client.unclaimed().stream().filter(frame -> frame.path("type").asText().equals("ack"))
                                .forEach(ack -> acknowledged.add(ack.path("clientId").asText()));
                        // A message that came through valid is acknowledged once it is stored.
                        while (!client.isClosed() && acknowledged.size() < transcript().size()) {
                            acknowledged.add(client.await("ack").path("clientId").asText());
                        }
                        assertThat(aliceLeg.chat.isClosed()).as(where + " chat " + aliceLeg.chat.unclaimed()).isFalse();
                        assertThat(aliceLeg.control.isClosed()).as(where + " control " + aliceLeg.control.unclaimed())
                                .isFalse();
                    }
                }
            }
            customerLeg.say("after", "the session carries on");
            JsonNode ack = customerLeg.chat.await("ack", a -> a.path("clientId").asText().equals("after"));
            assertThat(aliceLeg.chat.await("message", m -> m.path("seq").asLong() == ack.path("seq").asLong()))
                    .isNotNull();
        }
        assertThat(transcript()).as("only what was acknowledged was stored").hasSize(acknowledged.size() + 1);
        assertThat(operator().get("/api/sessions/{id}", customer.sessionId).then().statusCode(200).extract()
                .<String>path("state")).isEqualTo("active");
        synchronized (errors) {
            assertThat(errors).as("nothing thrown past an adapter (seed %d)", SEED)
                    .extracting(record -> record.getLoggerName() + ": " + record.getMessage()).isEmpty();
        }
    }

    private List<Object> transcript() {
        return operator().get("/api/sessions/{id}/transcript", customer.sessionId).then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    private void send(WsClient client, String channel) {
        try {
            if (channel.equals("voice") && random.nextBoolean()) {
                byte[] audio = new byte[random.nextInt(5000)];
                random.nextBytes(audio);
                client.sendBinary(audio);
            } else {
                client.send(hostile(TEMPLATES.get(channel)));
            }
        } catch (RuntimeException closedUnderUs) {
            // The server closed the connection (its rate): the round checks the close code.
        }
    }

    /** One frame: random text, or a message of the channel broken in one of several ways. */
    private String hostile(List<String> templates) {
        String template = templates.get(random.nextInt(templates.size()));
        int at = random.nextInt(template.length());
        return switch (random.nextInt(8)) {
            case 0 -> randomText(random.nextInt(200));
            case 1 -> template.substring(0, at) + template.substring(at + 1);
            case 2 -> template.substring(0, at) + randomText(1 + random.nextInt(3)) + template.substring(at);
            case 3 -> template.substring(0, at);
            case 4 -> template.replaceFirst(":(\"[^\"]*\"|[-0-9.]+|true|false)", ":" + randomValue());
            case 5 -> template.replaceFirst("\"type\":\"[^\"]*\"", "\"type\":" + randomValue());
            case 6 -> template.replaceFirst("}$", ",\"" + randomText(5) + "\":" + randomValue() + "}");
            default -> "[".repeat(random.nextInt(60)) + template + "]".repeat(random.nextInt(60));
        };
    }

    private String randomValue() {
        return switch (random.nextInt(9)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextLong());
            case 2 -> "1" + "0".repeat(random.nextInt(400));
            case 3 -> "-1e" + random.nextInt(100_000);
            case 4 -> "[".repeat(1 + random.nextInt(40)) + "]".repeat(1 + random.nextInt(40));
            case 5 -> "{\"a\":" + randomValue() + "}";
            case 6 -> "\"" + "x".repeat(random.nextInt(20_000)) + "\"";
            case 7 -> "\"" + randomText(20).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            default -> random.nextBoolean() ? "true" : "[]";
        };
    }

    /** Valid UTF-16 (the client sends UTF-8; invalid UTF-8 is SocketHardeningTest's): any code point. */
    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x80);
            if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }
}
