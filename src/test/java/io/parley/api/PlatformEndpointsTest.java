package io.parley.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.net.URI;
import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service catalogue, agents directory, OpenAPI and health, as a client first meets them; the last three
 * on the management port only.
 */
@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void servicesDescribeTheirBehaviourSubjectsAndRules() {
        given().get("/api/services").then().statusCode(200)
                .body("id", hasItems("callback", "expert-desk", "sales", "support"));
        given().get("/api/services/sales").then().statusCode(200)
                .body("behaviour", equalTo("routed"))
                .body("media", hasItems("chat", "page-push", "voice"))
                .body("subjects.billing.billing", equalTo(5))
                .body("routing.strategy", equalTo("longest-idle"))
                .body("allowed.transfer", equalTo(true));
        given().get("/api/services/support").then().body("routing.overflow", equalTo("sales"));
        given().get("/api/services/nope").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("service-not-found"));
    }

    @Test
    void theAgentDirectoryIsForStaffAndChangedByOperators() {
        given().get("/api/agents").then().statusCode(401);
        Parley.as("alice").get("/api/agents").then().statusCode(200).body("id", hasItems("alice", "bob", "carol"));
        Parley.as("alice").body("{\"name\":\"Alice\",\"skills\":{\"sales\":9},\"maxSessions\":3}")
                .put("/api/agents/alice").then().statusCode(403).body("code", equalTo("not-permitted"));
        Parley.operator().body("{\"name\":\"Erin Vale\",\"skills\":{\"sales\":11},\"maxSessions\":3}")
                .put("/api/agents/erin").then().statusCode(400).body("code", equalTo("invalid-request"))
                .body("detail", containsString("skills.sales: level 1 to 10"));
        Parley.as("bob").body("{\"presence\":\"away\"}").put("/api/agents/alice/presence").then().statusCode(403);
        Parley.as("bob").body("{\"presence\":\"busy\"}").put("/api/agents/bob/presence").then().statusCode(400);
        Parley.as("bob").body("{\"presence\":\"away\"}").put("/api/agents/bob/presence").then().statusCode(200)
                .body("presence", equalTo("away"));
        Parley.as("bob").body("{\"presence\":\"available\"}").put("/api/agents/bob/presence").then().statusCode(200);
        given().auth().preemptive().basic("alice", "wrong").get("/api/agents").then().statusCode(401);
    }

    @Test
    void aPresenceChangeIsInTheAgentsHistoryAsSoonAsItIsAnswered() {
        Parley.operator().body("{\"name\":\"Dave Ito\",\"skills\":{\"sales\":2},\"maxSessions\":1}")
                .put("/api/agents/dave").then().statusCode(200);
        for (int round = 0; round < 5; round++) {
            Parley.operator().body("{\"presence\":\"away\"}").put("/api/agents/dave/presence").then().statusCode(200)
                    .body("state", equalTo("away"));
            Parley.operator().get("/api/agents/dave/events").then().statusCode(200).body("[0].state", equalTo("away"));
            Parley.operator().body("{\"presence\":\"offline\"}").put("/api/agents/dave/presence").then()
                    .statusCode(200).body("state", equalTo("offline"));
            Parley.operator().get("/api/agents/dave/events").then().statusCode(200)
                    .body("[0].state", equalTo("offline"));
        }
    }

    @Test
    void theLandingPageIsServed() {
        given().get("/").then().statusCode(200).body(containsString("Services on this server"));
        given().get("/js/service-list.js").then().statusCode(200).body(containsString("/api/services"));
    }

    @Test
    void theWidgetIsServedGzippedCrossOriginAndCachedForFiveMinutes() {
        for (String path : new String[] {"/widget.js", "/js/widget/parley-widget.js", "/css/widget.css"}) {
            given().header("Origin", "https://shop.example.com").get(path).then().statusCode(200)
                    .header("Content-Encoding", "gzip").body(containsString("Parley"))
                    .header("Access-Control-Allow-Origin", "https://shop.example.com")
                    .header("Cache-Control", containsString("max-age=300"));
        }
    }

    /** Somewhere on the management interface: only its origin is used. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void openApiHealthAndMetricsAreServedOnTheManagementPort() {
        String origin = URI.create(management.toString()).resolve("/").toString();
        given().baseUri(origin).get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/sessions/{id}/transfer"));
        given().baseUri(origin).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(origin).get("/q/metrics").then().statusCode(200).body(containsString("parley_queue_waiting"));
    }

    @Test
    void thePublicPortServesNoManagementEndpoints() {
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/health", "/q/health/ready", "/q/health/live",
                "/q/swagger-ui", "/q/dev-ui")) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(404);
        }
    }
}
