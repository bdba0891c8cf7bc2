package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.oneOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.parley.support.SseClient;
import io.parley.system.stream.StreamItem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** {@code GET /api/stream}: supervisors follow sessions, queues, offers and agent states live, and resume. */
@QuarkusTest
class EventStreamTest {

    private String base;

    @BeforeEach
    void reset() {
        Parley.reset();
        base = "http://localhost:" + RestAssured.port;
    }

    private static String visitorStarts() {
        return Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing")).getString("session.id");
    }

    @Test
    void aSupervisorFollowsSessionsQueuesOffersAndAgentStatesAsTheyHappen() {
        try (SseClient stream = SseClient.follow(base, "sam", null)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.awaitUntil(event -> true).getFirst().comment()).as("subscribed: told at once")
                    .isEqualTo("heartbeat");
            String session = visitorStarts();
            SseClient.Event queued = stream.awaitSession(session, "queued").getLast();
            assertThat(queued.data().path("service").asText()).isEqualTo("sales");
            assertThat(queued.data().path("seq").asLong()).isPositive();
            assertThat(queued.id()).as("resumable").isNotBlank();
            SseClient.Event offered = stream.awaitSession(session, "offer-made").getLast();
            assertThat(offered.data().path("data").path("agent").isMissingNode() && offered.data().path("data")
                    .isEmpty()).as("the entry's details come along: %s", offered.data()).isFalse();

            Parley.presence("carol", "away");
            SseClient.Event away = stream.awaitUntil(event -> "agent".equals(event.name())
                    && "carol".equals(event.data().path("agent").asText())).getLast();
            assertThat(away.data().path("type").asText()).isEqualTo("agent-state");
            assertThat(away.data().path("data").path("state").asText()).isEqualTo("away");
        }
    }

    @Test
    void aFollowerThatComesBackWithItsLastEventIdGetsWhatItMissedOnceAndInOrder() {
        String first;
        String resumeAfter;
        try (SseClient stream = SseClient.follow(base, "operator", null)) {
            first = visitorStarts();
            resumeAfter = stream.awaitSession(first, "queued").getLast().id();
        }
        String second = visitorStarts();
        Parley.presence("carol", "away");
        try (SseClient resumed = SseClient.follow(base, "sam", resumeAfter)) {
            List<SseClient.Event> missed = new ArrayList<>(resumed.awaitSession(second, "queued"));
            missed.addAll(resumed.awaitUntil(event -> "agent".equals(event.name())
                    && "carol".equals(event.data().path("agent").asText())));
            StreamItem.Position after = StreamItem.Position.parse(resumeAfter).orElseThrow();
            List<StreamItem.Position> positions = missed.stream().filter(event -> event.id() != null)
                    .map(event -> StreamItem.Position.parse(event.id()).orElseThrow()).toList();
            assertThat(positions).as("nothing twice, nothing it had")
                    .allMatch(position -> position.compareTo(after) > 0)
                    .doesNotHaveDuplicates().isSorted();
            assertThat(missed).as("the first session went on while it was away")
                    .anyMatch(event -> event.data() != null && first.equals(event.data().path("session").asText())
                            && "offer-made".equals(event.data().path("type").asText()));
        }
    }

    @Test
    void aFollowerThatMissedMoreThanCanBeReplayedIsToldToLoadAgain() {
        String resumeAfter;
        try (SseClient stream = SseClient.follow(base, "sam", null)) {
            Parley.presence("carol", "away");
            resumeAfter = stream.awaitUntil(event -> "agent".equals(event.name())).getLast().id();
        }
        // The test profile replays at most 25 entries.
        for (int i = 0; i < 15; i++) {
            Parley.presence("carol", "available");
            Parley.presence("carol", "away");
        }
        try (SseClient resumed = SseClient.follow(base, "sam", resumeAfter)) {
            SseClient.Event reset = resumed.awaitUntil(event -> event.name() != null).getLast();
            assertThat(reset.name()).isEqualTo("reset");
            assertThat(reset.data().path("code").asText()).isEqualTo("stream-reset");
            Parley.presence("carol", "available");
            assertThat(resumed.awaitUntil(event -> "agent".equals(event.name())).getLast().data().path("data")
                    .path("state").asText()).as("and follows on from now").isEqualTo("available");
        }
    }

    @Test
    void agentsFollowTheirColleaguesStatesButNotWhyNorAnySession() {
        try (SseClient stream = SseClient.follow(base, "/api/stream/agents", "alice", null)) {
            assertThat(stream.status).isEqualTo(200);
            String session = visitorStarts();
            Parley.presence("carol", "away");
            List<SseClient.Event> seen = stream.awaitUntil(event -> "agent".equals(event.name())
                    && "carol".equals(event.data().path("agent").asText())
                    && "away".equals(event.data().path("state").asText()));
            SseClient.Event away = seen.getLast();
            assertThat(away.id()).as("resumable").isNotBlank();
            assertThat(away.data().has("at")).isTrue();
            assertThat(away.data().has("reason") || away.data().has("data")).as("why stays with supervisors")
                    .isFalse();
            assertThat(seen).as("no session of anyone's: %s", session)
                    .noneMatch(event -> event.name() != null && !event.name().equals("agent"));
        }
        Parley.anonymous().accept("text/event-stream").get("/api/stream/agents").then().statusCode(401);
        var started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        for (String token : List.of(started.getString("visitorToken"), started.getString("connection.token"))) {
            Parley.visitor(token).accept("text/event-stream").get("/api/stream/agents").then()
                    .statusCode(oneOf(401, 403));
        }
        operator().accept("text/event-stream").header("Last-Event-ID", "../x").get("/api/stream/agents").then()
                .statusCode(400);
    }

    @Test
    void onlySupervisorsAndOperatorsFollowAndOnlyThisStreamsIdsResumeIt() {
        as("alice").accept("text/event-stream").get("/api/stream").then().statusCode(403);
        Parley.anonymous().accept("text/event-stream").get("/api/stream").then().statusCode(401);
        var started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        for (String token : List.of(started.getString("visitorToken"), started.getString("connection.token"))) {
            // A visitor is a customer (403); a leg's token opens its sockets, not the API (401).
            Parley.visitor(token).accept("text/event-stream").get("/api/stream").then().statusCode(oneOf(401, 403));
        }
        for (String forged : List.of("x-s-1", "1-q-2", "-1-s-2", "1-s-2-3", "../../etc/passwd", "9".repeat(60) + "-s-1",
                "18446744073709551616-s-1")) {
            operator().accept("text/event-stream").header("Last-Event-ID", forged).get("/api/stream").then()
                    .statusCode(400);
        }
    }
}
