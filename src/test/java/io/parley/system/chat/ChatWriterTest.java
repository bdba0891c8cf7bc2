package io.parley.system.chat;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.customer;
import static io.parley.support.Parley.operator;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.parley.system.Outcome;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

/**
 * Chat messages stored in group commits: a burst from many sessions at once (with resends inside the burst
 * and of earlier messages) is stored with gap-free numbers per session, each message once, resends answered
 * with the first one's number; a leg that left is refused.
 */
@QuarkusTest
class ChatWriterTest {

    @Inject
    ChatWriter writer;

    @Inject
    Vertx vertx;

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private record Room(UUID sessionId, String legId) {
    }

    private static Room aliceCalls(String label) {
        JsonPath started = as("alice").body(Map.of("service", "callback", "with", customer(label)))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        return new Room(UUID.fromString(started.getString("session.id")), started.getString("legId"));
    }

    private ChatWriter.Posted post(Room room, String clientId, String text) throws Exception {
        CompletableFuture<Outcome<ChatWriter.Posted>> outcome = new CompletableFuture<>();
        vertx.runOnContext(ignored -> writer.post(room.sessionId(), room.legId(), clientId, text).subscribe()
                .with(outcome::complete, outcome::completeExceptionally));
        return ((Outcome.Done<ChatWriter.Posted>) outcome.get(20, TimeUnit.SECONDS)).value();
    }

    @Test
    void aBurstFromManySessionsIsNumberedWithoutGapsOnceEachAndResendsAreAnsweredAsSuch() throws Exception {
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rooms.add(aliceCalls("burst-" + i + "@example.com"));
        }
        ChatWriter.Posted earlier = post(rooms.get(0), "c-early", "sent before the burst");
        assertThat(earlier.message().seq()).isEqualTo(1);

        int perRoom = 150;
        List<CompletableFuture<Outcome<ChatWriter.Posted>>> answers = new ArrayList<>();
        Map<CompletableFuture<Outcome<ChatWriter.Posted>>, String> what = new HashMap<>();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            for (int n = 0; n < perRoom; n++) {
                for (int r = 0; r < rooms.size(); r++) {
                    Room room = rooms.get(r);
                    // Every tenth message is sent twice in the burst; room 0 also resends its earlier one.
                    int times = n % 10 == 0 ? 2 : 1;
                    for (int t = 0; t < times; t++) {
                        CompletableFuture<Outcome<ChatWriter.Posted>> answer = new CompletableFuture<>();
                        writer.post(room.sessionId(), room.legId(), "c-" + n, "message " + n).subscribe()
                                .with(answer::complete, answer::completeExceptionally);
                        answers.add(answer);
                        what.put(answer, r + ":" + n + ":" + t);
                    }
                }
            }
            CompletableFuture<Outcome<ChatWriter.Posted>> resend = new CompletableFuture<>();
            writer.post(rooms.get(0).sessionId(), rooms.get(0).legId(), "c-early", "sent before the burst")
                    .subscribe().with(resend::complete, resend::completeExceptionally);
            answers.add(resend);
            what.put(resend, "resend");
            sent.complete(null);
        });
        sent.get(30, TimeUnit.SECONDS);
        Map<String, Long> firstSeq = new HashMap<>();
        int duplicates = 0;
        for (CompletableFuture<Outcome<ChatWriter.Posted>> answer : answers) {
            ChatWriter.Posted posted = ((Outcome.Done<ChatWriter.Posted>) answer.get(30,
                    TimeUnit.SECONDS)).value();
            String key = posted.message().sessionId() + "/" + posted.message().clientId();
            if (posted.duplicate()) {
                duplicates++;
            } else {
                assertThat(firstSeq.put(key, posted.message().seq())).as("stored once: %s", what.get(answer))
                        .isNull();
            }
        }
        for (CompletableFuture<Outcome<ChatWriter.Posted>> answer : answers) {
            ChatWriter.Posted posted = ((Outcome.Done<ChatWriter.Posted>) answer.get()).value();
            assertThat(posted.message().seq()).as("a resend answers the stored number")
                    .isEqualTo(firstSeq.getOrDefault(posted.message().sessionId() + "/" + posted.message()
                            .clientId(), 1L));
        }
        assertThat(duplicates).isEqualTo(rooms.size() * perRoom / 10 + 1);
        for (int r = 0; r < rooms.size(); r++) {
            List<Long> seqs = operator().get("/api/sessions/{id}/transcript", rooms.get(r).sessionId()).then()
                    .statusCode(200).extract().jsonPath().getList("seq", Long.class);
            long expected = r == 0 ? perRoom + 1 : perRoom;
            assertThat(seqs).as("room %d: gap-free, in order", r)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
        }
    }

    @Test
    void aLegThatLeftIsRefusedAndNothingIsStored() throws Exception {
        Room room = aliceCalls("left@example.com");
        as("alice").delete("/api/sessions/{id}/legs/{leg}", room.sessionId(), room.legId()).then().statusCode(200);
        CompletableFuture<Outcome<ChatWriter.Posted>> outcome = new CompletableFuture<>();
        vertx.runOnContext(ignored -> writer.post(room.sessionId(), room.legId(), "c-1", "too late").subscribe()
                .with(outcome::complete, outcome::completeExceptionally));
        assertThat(outcome.get(10, TimeUnit.SECONDS))
                .isInstanceOf(Outcome.Refused.class);
        assertThat(operator().get("/api/sessions/{id}/transcript", room.sessionId()).then().statusCode(200).extract()
                .jsonPath().getList("seq")).isEmpty();
    }
}
