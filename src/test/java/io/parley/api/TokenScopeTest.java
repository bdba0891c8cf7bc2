package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.visitor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Tokens open exactly what they name: an agent's endpoint token opens its {@code /ws/endpoint} socket and
 * nothing over REST (it cannot read sessions, act as the agent, or renew itself without the password); a
 * leg token is no REST credential either; a visitor token reads as that customer only.
 */
@QuarkusTest
class TokenScopeTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    @Test
    void anEndpointTokenOpensItsSocketAndIsNoRestCredential() {
        JsonPath issued = as("bob").post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
        String token = issued.getString("token");
        try (WsClient console = WsClient.connect(issued.getString("url"), token)) {
            console.await("hello");
        }
        given().auth().oauth2(token).get("/api/sessions").then().statusCode(401);
        given().auth().oauth2(token).get("/api/agents").then().statusCode(401);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("presence", "away"))
                .put("/api/agents/bob/presence").then().statusCode(401);
        given().auth().oauth2(token).post("/api/tokens/endpoint").then()
                .statusCode(401);
        as("bob").get("/api/agents/bob").then().statusCode(200).body("presence", equalTo("available"));
    }

    @Test
    void aLegTokenIsNoRestCredentialAndAVisitorTokenReadsOnlyItsCustomer() {
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing"));
        String legToken = started.getString("connection.token");
        given().auth().oauth2(legToken).get("/api/sessions").then().statusCode(401);
        given().auth().oauth2(legToken).body("{}").contentType("application/json")
                .post("/api/sessions/{id}/legs", started.getString("session.id")).then().statusCode(401);
        visitor(started.getString("visitorToken")).get("/api/sessions").then().statusCode(200)
                .body("id", hasItem(started.getString("session.id")));
        visitor(started.getString("visitorToken")).get("/api/agents").then().statusCode(403);
    }
}
