package io.parley.api;

import static io.parley.api.JoinLinkTest.joinByLink;
import static io.parley.api.JoinLinkTest.openLink;
import static io.parley.support.Parley.anonymous;
import static io.parley.support.Parley.as;
import static io.parley.support.Parley.customer;
import static io.parley.support.Parley.visitor;
import static io.parley.support.Parley.visitorStarts;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Nobody becomes a customer they are not: a customer named by someone else is a label on a new visitor's leg,
 * only staff may name one, and a join link binds the first browser that opens it. Each step of the takeover
 * (an anonymous caller naming a guessable customer id, opening the link, reading that customer's sessions)
 * tried over the real interfaces.
 */
@QuarkusTest
class IdentityTakeoverTest {

    private static final String ANN = "ann@example.com";

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    /** Alice calls Ann back; Ann opens her link and tells Alice something private. */
    private static Victim annTalksToAlice() {
        JsonPath started = as("alice").body(Map.of("service", "callback", "with", customer(ANN)))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String sessionId = started.getString("session.id");
        Response opened = openLink(started.getString("joinUrl"), Map.of());
        JsonPath joined = opened.then().statusCode(200).extract().jsonPath();
        try (Leg ann = new Leg(sessionId, joined.getString("joining.legId"),
                joined.getString("joining.connection.token"), joined.getMap("joining.connection.channels"))
                .connect()) {
            ann.say("c-1", "my card ends in 4242");
            ann.chat.await("ack");
        }
        return new Victim(sessionId, started.getString("joinUrl"), opened.cookies(),
                joined.getString("joining.visitorToken"));
    }

    private record Victim(String sessionId, String joinUrl, Map<String, String> cookies, String visitorToken) {
    }

    @Test
    void anAnonymousCallerCannotNameACustomerIntoASession() {
        annTalksToAlice();
        anonymous().body(Map.of("service", "callback", "with", customer(ANN))).post("/api/sessions").then()
                .statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("customers-named-by-staff"));
    }

    @Test
    void aCustomerCannotInviteAnotherCustomerEvenWhereCustomersMayInvite() {
        annTalksToAlice();
        JsonPath visitor = visitorStarts(Map.of("service", "expert-desk", "subject", "grinders"));
        visitor(visitor.getString("visitorToken")).body(Map.of("endpoint", customer(ANN)))
                .post("/api/sessions/{id}/legs", visitor.getString("session.id")).then()
                .statusCode(403).body("code", equalTo("customers-named-by-staff"));
    }

    @Test
    void aLinkForAGuessedCustomerIdOpensANewVisitorWhoReadsNothingOfTheRealOne() {
        Victim ann = annTalksToAlice();
        // Even staff naming Ann again make a new visitor: whoever opens that link is not Ann.
        JsonPath again = as("bob").body(Map.of("service", "callback", "with", customer(ANN)))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        assertThat(again.getString("session.legs.find { it.label == '" + ANN + "' }.endpoint.id"))
                .startsWith("v-").isNotEqualTo(ANN);
        String intruder = joinByLink(again.getString("joinUrl")).getString("joining.visitorToken");

        List<String> listed = visitor(intruder).get("/api/sessions").then().statusCode(200).extract().jsonPath()
                .getList("id");
        assertThat(listed).containsExactly(again.getString("session.id"));
        visitor(intruder).get("/api/sessions/{id}/transcript", ann.sessionId()).then().statusCode(404)
                .body("code", equalTo("session-not-found"));
        visitor(intruder).get("/api/sessions/{id}", ann.sessionId()).then().statusCode(404);
        visitor(intruder).body("{}").post("/api/sessions/{id}/legs", ann.sessionId()).then().statusCode(403);
        // Ann herself still reads her own conversation.
        assertThat(visitor(ann.visitorToken()).get("/api/sessions/{id}/transcript", ann.sessionId()).then()
                .statusCode(200).extract().jsonPath().getList("text")).contains("my card ends in 4242");
    }

    @Test
    void aJoinLinkOpensOnlyInTheBrowserThatOpenedItFirst() {
        JsonPath started = as("alice").body(Map.of("service", "callback", "with", customer(ANN)))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String link = started.getString("joinUrl");
        // A mail scanner fetching the link binds nothing.
        given().get(link).then().statusCode(200);
        given().accept("application/json").get(link).then().statusCode(200);

        Response first = openLink(link, Map.of());
        first.then().statusCode(200);
        openLink(link, Map.of()).then().statusCode(410).body("code", equalTo("link-used"));
        openLink(link, Map.of("parley-link-" + first.jsonPath().getString("joining.legId"), "forged")).then()
                .statusCode(410).body("code", equalTo("link-used"));
        Response page = given().get(link);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body().asString()).contains("This link has already been used", "<code>link-used</code>");
        // A reload in the first browser still works.
        openLink(link, first.cookies()).then().statusCode(200);
        given().cookies(first.cookies()).get(link).then().statusCode(200);
    }

    @Test
    void aLinkIsDeadForOthersOnceItsLegHasConnectedAndTheRefusalIsLogged() {
        JsonPath started = as("alice").body(Map.of("service", "callback", "with", customer(ANN)))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String sessionId = started.getString("session.id");
        Response first = openLink(started.getString("joinUrl"), Map.of());
        JsonPath joined = first.jsonPath();
        try (Leg ann = new Leg(sessionId, joined.getString("joining.legId"),
                joined.getString("joining.connection.token"), joined.getMap("joining.connection.channels"))
                .connect()) {
            ann.say("c-1", "hello");
            openLink(started.getString("joinUrl"), Map.of()).then().statusCode(410)
                    .body("code", equalTo("link-used"));
            openLink(started.getString("joinUrl"), first.cookies()).then().statusCode(200);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> codes = List.of();
        while (!codes.contains("link-used") && System.nanoTime() < deadline) {
            codes = as("alice").get("/api/sessions/{id}/events", sessionId).then().statusCode(200).extract()
                    .jsonPath().getList("findAll { it.type == 'request-refused' }.data.code");
        }
        assertThat(codes).contains("link-used");
    }
}
