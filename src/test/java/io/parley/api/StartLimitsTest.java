package io.parley.api;

import static io.parley.support.Parley.csr;
import static io.parley.support.Parley.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A flood of session starts from callers without an account is held back (the test profile allows 5 starts
 * per address and 4 per visitor a minute, 3 open sessions per visitor), and the bystanders are not: another
 * address still starts, and no customer makes an agent busy by naming it. Each client poses at an address of
 * its own ({@code X-Forwarded-For}, honoured in the test profile as behind a proxy).
 */
@QuarkusTest
class StartLimitsTest {

    private static final Map<String, Object> PRICING = Map.of("service", "sales", "subject", "pricing");

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON);
    }

    private static RequestSpecification visitorFrom(String address, String token) {
        return from(address).header("Authorization", "Bearer " + token);
    }

    @Test
    void aFloodOfAnonymousStartsFromOneAddressIsRefusedWith429AndABystanderStillStarts() {
        for (int i = 0; i < 5; i++) {
            from("203.0.113.1").body(PRICING).post("/api/sessions").then().statusCode(201);
        }
        Response refused = from("203.0.113.1").body(PRICING).post("/api/sessions");
        refused.then().statusCode(429).contentType(Problem.MEDIA_TYPE).body("code", equalTo("too-many-requests"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(operator().queryParam("state", "waiting").get("/api/sessions").then().extract().jsonPath()
                .getList("id")).as("the refused start made no session").hasSize(5);

        from("203.0.113.2").body(PRICING).post("/api/sessions").then().statusCode(201);
    }

    /**
     * The gate in front of the resource refuses a flood's requests before reading them (a broken body is still a
     * 429), and past an address's first three refusals holds each answer, so that a tool waiting for its answers
     * slows down; staff at that address go on.
     */
    @Test
    void anAddressThatUsedUpItsStartsIsRefusedBeforeItsRequestIsReadAndStaffThereAreNot() {
        for (int i = 0; i < 5; i++) {
            from("203.0.113.9").body(PRICING).post("/api/sessions").then().statusCode(201);
        }
        Response refused = from("203.0.113.9").header("Origin", "https://shop.example.com")
                .body("{\"service\": \"sales\", not json at all").post("/api/sessions");
        refused.then().statusCode(429).header("Access-Control-Allow-Origin", "https://shop.example.com")
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("too-many-requests"))
                .body("detail", containsString("too many session starts from your address"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        from("203.0.113.9").body("{").post("/api/sessions/").then().statusCode(429);
        from("203.0.113.9").body(PRICING).post("/api/sessions").then().statusCode(429);
        Response held = from("203.0.113.9").body(PRICING).post("/api/sessions");
        held.then().statusCode(429).body("code", equalTo("too-many-requests"));
        assertThat(held.time()).as("past 3 refusals answered at once, held for the test profile's refusal-delay, "
                + "400 ms").isGreaterThanOrEqualTo(350);

        from("203.0.113.9").auth().preemptive().basic("alice", "parley").body(Map.of("service", "callback",
                "with", Map.of("kind", "customer", "id", "gate@example.com"))).post("/api/sessions").then()
                .statusCode(201);
        from("203.0.113.10").body("{").post("/api/sessions").then().statusCode(400);
    }

    @Test
    void anIpv6FloodIsCountedByItsSlash64WhicheverAddressesItHopsBetween() {
        for (int i = 1; i <= 5; i++) {
            from("2001:db8:5:6::" + i).body(PRICING).post("/api/sessions").then().statusCode(201);
        }
        from("2001:db8:5:6:ffff:ffff:ffff:9").body(PRICING).post("/api/sessions").then().statusCode(429)
                .body("code", equalTo("too-many-requests"))
                .body("detail", containsString("too many session starts from your address"));

        from("2001:db8:5:7::1").body(PRICING).post("/api/sessions").then().statusCode(201);
        from("203.0.113.50").body(PRICING).post("/api/sessions").then().statusCode(201);
    }

    @Test
    void aVisitorStartingTooOftenIsRefusedFromAnyAddress() {
        String token = from("203.0.113.10").body(PRICING).post("/api/sessions").then().statusCode(201).extract()
                .jsonPath().getString("visitorToken");
        for (int i = 0; i < 4; i++) {
            String id = visitorFrom("203.0.113." + (11 + i), token).body(PRICING).post("/api/sessions").then()
                    .statusCode(201).extract().jsonPath().getString("session.id");
            visitorFrom("203.0.113." + (11 + i), token).body("{}").post("/api/sessions/{id}/end", id).then()
                    .statusCode(200);
        }
        visitorFrom("203.0.113.20", token).body(PRICING).post("/api/sessions").then().statusCode(429)
                .body("code", equalTo("too-many-requests"))
                .body("detail", containsString("too many session starts by this visitor"));
    }

    @Test
    void aVisitorInItsMaximumOfOpenSessionsStartsNoMore() {
        String token = from("203.0.113.30").body(PRICING).post("/api/sessions").then().statusCode(201).extract()
                .jsonPath().getString("visitorToken");
        visitorFrom("203.0.113.31", token).body(PRICING).post("/api/sessions").then().statusCode(201);
        visitorFrom("203.0.113.32", token).body(PRICING).post("/api/sessions").then().statusCode(201);
        visitorFrom("203.0.113.33", token).body(PRICING).post("/api/sessions").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("too-many-open-sessions"));
    }

    @Test
    void customersNamingAnAgentDoNotMakeItBusy() {
        Map<String, Object> forBob = Map.of("service", "sales", "subject", "pricing", "with", csr("bob"));
        String first = from("203.0.113.40").body(forBob).post("/api/sessions").then().statusCode(201)
                .body("session.state", equalTo("waiting")).extract().jsonPath().getString("session.id");
        from("203.0.113.41").body(forBob).post("/api/sessions").then().statusCode(409)
                .body("code", equalTo("endpoint-unavailable"));
        from("203.0.113.42").body(forBob).post("/api/sessions").then().statusCode(409);
        operator().get("/api/agents/bob").then().statusCode(200).body("state", equalTo("available"))
                .body("activeSessions", equalTo(0));

        Map<String, Object> offer = Parley.awaitOffer(first);
        assertThat(offer.get("agent")).isEqualTo("bob");
        Parley.as("bob").body("{}").post("/api/offers/{id}/decline", offer.get("id")).then().statusCode(200);
        assertThat(Parley.awaitOffer(first).get("agent")).as("routing moves on").isNotEqualTo("bob");
    }
}
