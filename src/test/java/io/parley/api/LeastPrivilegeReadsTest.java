package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static io.parley.support.Parley.operator;
import static io.parley.support.Parley.visitor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Staff read what their role allows, customers what they were present for: an agent reads the sessions it
 * is or was in or was offered, and nothing else; supervisors and operators read every session; a customer
 * who left no longer reads what was said after it left.
 */
@QuarkusTest
class LeastPrivilegeReadsTest {

    private static final String PROBLEM = "application/problem+json";

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    @Test
    void anAgentReadsOnlySessionsItIsInAndSupervisorsAndOperatorsReadAll() {
        String id = Parley.visitorStarts(Map.of("service", "callback", "with", csr("alice"))).getString("session.id");

        for (String path : List.of("/api/sessions/{id}", "/api/sessions/{id}/transcript", "/api/sessions/{id}/events",
                "/api/sessions/{id}/recordings")) {
            as("bob").get(path, id).then().statusCode(403).contentType(PROBLEM).body("code", equalTo("not-permitted"));
            as("alice").get(path, id).then().statusCode(200);
            as("sam").get(path, id).then().statusCode(200);
            operator().get(path, id).then().statusCode(200);
        }
        as("bob").get("/api/sessions").then().statusCode(200).body("id", not(hasItem(id)));
        as("alice").get("/api/sessions").then().statusCode(200).body("id", hasItem(id));
        as("sam").get("/api/sessions").then().statusCode(200).body("id", hasItem(id));
        as("bob").get("/api/sessions/{id}/recordings/{file}", id, "x.wav").then().statusCode(403);

        // Signed in at the console (a console token instead of the password): the same reach.
        given().auth().oauth2(consoleToken("sam")).get("/api/sessions/{id}/transcript", id).then().statusCode(200);
        given().auth().oauth2(consoleToken("bob")).get("/api/sessions/{id}/transcript", id).then().statusCode(403);
    }

    private static String consoleToken(String user) {
        return as(user).post("/api/tokens/console").then().statusCode(200).extract().path("token");
    }

    @Test
    void anAgentOfferedASessionReadsItEvenAfterDecliningAndOneNeverOfferedDoesNot() {
        String id = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing")).getString("session.id");
        Map<String, Object> offer = Parley.awaitOffer(id);
        String offered = (String) offer.get("agent");
        as(offered).get("/api/sessions/{id}", id).then().statusCode(200).body("id", equalTo(id));
        as(offered).get("/api/sessions").then().statusCode(200).body("id", hasItem(id));
        as(offered).body("{}").post("/api/offers/{offer}/decline", offer.get("id")).then().statusCode(200);
        as(offered).get("/api/sessions/{id}/transcript", id).then().statusCode(200);

        // Carol has no sales skill: never offered, never in it.
        as("carol").get("/api/sessions/{id}", id).then().statusCode(403).body("code", equalTo("not-permitted"));
        as("carol").get("/api/sessions").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void aCustomerWhoLeftNoLongerReadsWhatWasSaidAfterwards() {
        JsonPath first = Parley.visitorStarts(Map.of("service", "expert-desk", "subject", "grinders"));
        String id = first.getString("session.id");
        JsonPath second = Parley.anonymous().body(Map.of("service", "expert-desk", "subject", "grinders"))
                .post("/api/sessions").then().statusCode(200).extract().jsonPath();
        try (Leg leaving = new Leg(first).connect(); Leg staying = new Leg(second).connect()) {
            staying.say("c-1", "Which grinder for espresso?");
            awaitTranscript(id, 1);

            Parley.visitor(first.getString("visitorToken"))
                    .delete("/api/sessions/{id}/legs/{leg}", id, first.getString("legId")).then().statusCode(200);
            staying.say("c-2", "My address is 1 Main St, call me on 555-0100");
            awaitTranscript(id, 2);
        }
        visitor(first.getString("visitorToken")).get("/api/sessions/{id}/transcript", id).then().statusCode(200)
                .body("text", equalTo(List.of("Which grinder for espresso?")));
        visitor(second.getString("visitorToken")).get("/api/sessions/{id}/transcript", id).then().statusCode(200)
                .body("text", hasItem("My address is 1 Main St, call me on 555-0100"));

        // Another customer never reads it at all, and cannot tell that it exists.
        String stranger = Parley.visitorStarts(Map.of("service", "lab", "subject", "pricing"))
                .getString("visitorToken");
        visitor(stranger).get("/api/sessions/{id}/transcript", id).then().statusCode(404)
                .body("code", equalTo("session-not-found"));
    }

    private static void awaitTranscript(String id, int messages) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (operator().get("/api/sessions/{id}/transcript", id).then().extract().jsonPath().getList("seq")
                    .size() >= messages) {
                return;
            }
            Parley.pause(Duration.ofMillis(50));
        }
        assertThat(false).as("%d messages stored in %s", messages, id).isTrue();
    }
}
