package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** A returning customer's earlier conversations, for the staff serving it now, and for nobody else. */
@QuarkusTest
class CustomerHistoryTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    @Test
    void theCsrServingAReturningVisitorReadsItsEarlierConversationServedBySomeoneElse() {
        JsonPath first = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")));
        String token = first.getString("visitorToken");
        String earlier = first.getString("session.id");
        try (Leg customer = new Leg(first).connect()) {
            customer.say("c-1", "My order 42 is late");
            customer.chat.await("ack");
        }
        Parley.operator().body("{}").post("/api/sessions/{id}/end", earlier).then().statusCode(200);
        // Another visitor, served by alice too: not this customer's.
        String stranger = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", csr("alice")))
                .getString("session.id");

        String now = Parley.visitor(token).body(Map.of("service", "sales", "subject", "orders", "with", csr("bob")))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getString("session.id");
        Parley.acceptOffer(RestAssured.baseURI + ":" + RestAssured.port, "bob", now);

        JsonPath history = as("bob").get("/api/sessions/{id}/history", now).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("id", String.class)).containsExactly(earlier);
        assertThat(history.getList("csrs[0]", String.class)).containsExactly("Alice Martin");
        assertThat(history.getString("[0].subject")).isEqualTo("pricing");

        as("bob").get("/api/sessions/{id}/transcript", earlier).then().statusCode(403);
        assertThat(as("bob").get("/api/sessions/{id}/history/{earlier}/transcript", now, earlier).then()
                .statusCode(200).extract().jsonPath().getList("text", String.class))
                .containsExactly("My order 42 is late");
        as("bob").get("/api/sessions/{id}/history/{earlier}/transcript", now, stranger).then().statusCode(404);

        Parley.visitor(token).get("/api/sessions/{id}/history", now).then().statusCode(403);
        as("carol").get("/api/sessions/{id}/history", now).then().statusCode(403);
        Parley.anonymous().get("/api/sessions/{id}/history", now).then().statusCode(401);
        as("sam").get("/api/sessions/{id}/history", now).then().statusCode(200);
    }

    @Test
    void aCustomerNamedByTheSameReferenceHasItsEarlierSessionsListed() {
        String first = as("alice").body(Map.of("service", "callback", "with", Map.of("kind", "customer", "id",
                "ann@example.com"))).post("/api/sessions").then().statusCode(201).extract().jsonPath()
                .getString("session.id");
        Parley.operator().body("{}").post("/api/sessions/{id}/end", first).then().statusCode(200);
        String other = as("alice").body(Map.of("service", "callback", "with", Map.of("kind", "customer", "id",
                "bo@example.com"))).post("/api/sessions").then().statusCode(201).extract().jsonPath()
                .getString("session.id");
        String second = as("alice").body(Map.of("service", "callback", "with", Map.of("kind", "customer", "id",
                "ann@example.com"))).post("/api/sessions").then().statusCode(201).extract().jsonPath()
                .getString("session.id");

        List<String> listed = as("alice").get("/api/sessions/{id}/history", second).then().statusCode(200).extract()
                .jsonPath().getList("id", String.class);
        assertThat(listed).containsExactly(first).doesNotContain(other);
    }
}
