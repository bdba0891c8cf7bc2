package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.operator;
import static io.parley.support.Parley.presence;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Console;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * An offer says what the agent needs to take the customer on: the customer's first message when they wrote while
 * waiting, and since when they wait (with the service, the subject and the session as before). Offers reach agents'
 * consoles only: a customer cannot open the channel they arrive on, so no customer reads another's first words.
 */
@QuarkusTest
class OfferContextTest {

    @BeforeEach
    void everyoneAway() {
        Parley.reset();
        Parley.AGENTS.forEach(agent -> presence(agent, "away"));
    }

    @Test
    void anOfferCarriesTheCustomersFirstMessageAndSinceWhenTheyHaveWaited() {
        Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"))).connect();
        try (customer; Console alice = Console.open("alice")) {
            customer.say("first", "Is the Barista Pro on sale this week?").say("second", "Or next week?");
            customer.chat.await("ack", ack -> "first".equals(ack.path("clientId").asText()));
            customer.chat.await("ack", ack -> "second".equals(ack.path("clientId").asText()));
            presence("alice", "available");

            JsonNode offer = alice.offer(customer.sessionId);
            assertThat(offer.path("purpose").asText()).isEqualTo("serve");
            assertThat(offer.at("/firstMessage/text").asText()).isEqualTo("Is the Barista Pro on sale this week?");
            assertThat(offer.at("/firstMessage/role").asText()).isEqualTo("customer");
            assertThat(offer.path("conversation")).as("the conversation so far is a transfer's").isEmpty();
            JsonPath session = operator().get("/api/sessions/{id}", customer.sessionId).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(Instant.parse(offer.path("waitingSince").asText()))
                    .isEqualTo(Instant.parse(session.getString("queue.since")));
        }
    }

    @Test
    void anOfferShowsThePageTheCustomerAskedFromAndAPageThatIsNoWebAddressIsRefused() {
        Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "page",
                Map.of("url", "https://shop.example/grinders?ref=mail", "title", "Grinders · Demo shop")))).connect();
        try (customer; Console alice = Console.open("alice")) {
            presence("alice", "available");
            JsonNode offer = alice.offer(customer.sessionId);
            assertThat(offer.at("/page/url").asText()).isEqualTo("https://shop.example/grinders?ref=mail");
            assertThat(offer.at("/page/title").asText()).isEqualTo("Grinders · Demo shop");
            alice.decline(offer);
            presence("bob", "available");
            try (Console bob = Console.open("bob")) {
                assertThat(bob.offer(customer.sessionId).at("/page/url").asText()).as("read again for the next offer")
                        .isEqualTo("https://shop.example/grinders?ref=mail");
            }
        }
        for (Map<String, Object> page : List.<Map<String, Object>>of(Map.of("url", "javascript:alert(1)"),
                Map.of("url", "https://ann:secret@shop.example/"), Map.of("url", "data:text/html,hi"),
                Map.of("url", "https://shop.example/" + "a".repeat(2100)),
                Map.of("url", "https://shop.example/", "title", "bell\u0007"))) {
            Parley.anonymous().body(Map.of("service", "sales", "subject", "pricing", "page", page))
                    .post("/api/sessions").then().statusCode(400).body("code", equalTo("invalid-request"));
        }
    }

    @Test
    void aCustomerWhoHasNotWrittenIsOfferedWithoutAFirstMessage() {
        Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"))).connect();
        try (customer; Console alice = Console.open("alice")) {
            presence("alice", "available");
            JsonNode offer = alice.offer(customer.sessionId);
            assertThat(offer.path("firstMessage").isNull() || offer.path("firstMessage").isMissingNode()).isTrue();
            assertThat(offer.path("waitingSince").asText()).isNotEmpty();
        }
    }

    @Test
    void aCustomerCannotOpenTheChannelOffersArriveOnNorGetItsToken() {
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        String visitor = started.getString("visitorToken");
        given().auth().oauth2(visitor).contentType(ContentType.JSON).post("/api/tokens/endpoint").then()
                .statusCode(403);
        String url = as("bob").post("/api/tokens/endpoint").then().statusCode(200).extract().path("url");
        assertThat(WsClient.refusal(url, visitor)).as("with its visitor token").isNotNull();
        assertThat(WsClient.refusal(url, started.getString("connection.token"))).as("with its leg token").isNotNull();
    }
}
