package io.parley.api;

import static io.parley.support.Parley.csr;
import static io.parley.support.Parley.customer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Console;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Links, channel URLs and the connection details sent to a console come from the configured public URL,
 * never from the request's Host header: a caller that sends {@code Host: evil.example} gets nothing that
 * points there, and neither does the agent its request reaches.
 */
@QuarkusTest
class HostHeaderTest {

    private static final String EVIL = "evil.example:4444";

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static String ours() {
        return "localhost:" + RestAssured.port + "/";
    }

    private static RequestSpecification fromEvil(RequestSpecification request) {
        return request.header("Host", EVIL).contentType("application/json");
    }

    @Test
    void aForgedHostHeaderNeverReachesLinksChannelUrlsOrAConsolesInvitation() {
        JsonPath visitor = fromEvil(given()).body(Map.of("service", "sales", "subject", "pricing"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        assertThat(visitor.getMap("connection.channels", String.class, String.class).values())
                .allSatisfy(url -> assertThat(url).startsWith("ws://" + ours()));

        JsonPath called = fromEvil(Parley.as("alice")).body(Map.of("service", "callback", "with",
                customer("ann@example.com"))).post("/api/sessions").then().statusCode(201).extract().jsonPath();
        assertThat(called.getString("joinUrl")).startsWith("http://" + ours() + "join/");
        // At once: alice's own leg fails (and the call ends) if she does not connect within the join time-out.
        String page = fromEvil(given()).accept("text/html").get(called.getString("joinUrl")
                .replace("http://" + ours(), "/")).then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("evil.example");

        JsonPath token = fromEvil(Parley.as("bob")).post("/api/tokens/endpoint").then().statusCode(200).extract()
                .jsonPath();
        assertThat(token.getString("url")).isEqualTo("ws://" + ours() + "ws/endpoint");

        // The first visitor's wait (offered to bob, perhaps) ends: a customer can ask only for a CSR with no offer out.
        Parley.visitor(visitor.getString("visitorToken")).body("{}")
                .post("/api/sessions/{id}/end", visitor.getString("session.id")).then().statusCode(200);
        try (Console bob = Console.open("bob")) {
            fromEvil(given()).body(Map.of("service", "sales", "subject", "pricing", "with", csr("bob")))
                    .post("/api/sessions").then().statusCode(201);
            fromEvil(Parley.as("bob")).body("{}").post("/api/offers/{id}/accept",
                    bob.endpoint.await("offer").path("offerId").asText()).then().statusCode(200);
            JsonNode invitation = bob.endpoint.await("invitation");
            invitation.path("connection").path("channels").properties().forEach(channel -> assertThat(channel
                    .getValue().asText()).as("the console's %s channel", channel.getKey())
                    .startsWith("ws://" + ours()));
        }
    }
}
