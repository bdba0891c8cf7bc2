package io.parley.api;

import static io.parley.support.Parley.anonymous;
import static io.parley.support.Parley.as;
import static io.parley.support.Parley.customer;
import static io.parley.support.Parley.operator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.session.EndpointRef;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.transport.TokenService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A customer invited by link (README, "A customer invited by link"): the join URL, the join page and its refusals,
 * fresh links.
 */
@QuarkusTest
class JoinLinkTest {

    /** The test profile's secret, so that the test can mint a link the server will check. */
    private static final byte[] SECRET = "test-secret-test-secret-test-secret-0123456789"
            .getBytes(StandardCharsets.UTF_8);
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"parley-join\">(.*?)</script>", Pattern.DOTALL);
    private static final String PROBLEM = "application/problem+json";

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    /** Alice opens a direct session with customer Ann; answers alice's joining (with the join URL). */
    private static JsonPath aliceCallsAnn() {
        return as("alice").body(Map.of("service", "callback", "with", customer("ann"))).post("/api/sessions")
                .then().statusCode(201).extract().jsonPath();
    }

    /** The leg of the customer alice named {@code label} (a label on a new visitor's leg, staff see it). */
    private static String legOf(JsonPath joining, String label) {
        return joining.getString("session.legs.find { it.label == '" + label + "' }.id");
    }

    private static EndpointRef endpointOf(JsonPath joining, String label) {
        return EndpointRef.customer(joining.getString("session.legs.find { it.label == '" + label + "' }.endpoint.id"));
    }

    private static JsonPath session(String id) {
        return operator().get("/api/sessions/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    /** The join page's script joining by its link (POST), in a browser with these cookies. */
    static Response openLink(String joinUrl, Map<String, String> cookies) {
        return given().cookies(cookies).accept("application/json").post(joinUrl);
    }

    /** A fresh browser joins by the link: what the page's script gets. */
    static JsonPath joinByLink(String joinUrl) {
        return openLink(joinUrl, Map.of()).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath pageData(String html) {
        Matcher data = DATA.matcher(html);
        assertThat(data.find()).as("the page carries its data: %s", html).isTrue();
        return new JsonPath(data.group(1));
    }

    @Test
    void anInvitedCustomerOpensItsLinkAndConnectsItsLegFromThePage() {
        JsonPath started = aliceCallsAnn();
        String sessionId = started.getString("session.id");
        String annLeg = legOf(started, "ann");
        String joinUrl = started.getString("joinUrl");
        assertThat(joinUrl).startsWith("http://localhost:" + RestAssured.port + "/join/");

        Response page = given().get(joinUrl);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'",
                "connect-src 'self' ws://localhost:" + RestAssured.port, "media-src 'self' blob:")
                .doesNotContain("unsafe-inline");
        String html = page.body().asString();
        assertThat(html).startsWith("<!doctype html><html lang=\"en\">")
                .contains("<title>Call me back — Parley</title>", "<body class=\"parley-join\">",
                        "<main id=\"parley-join-root\" aria-label=\"Conversation with Call me back\"></main>",
                        "<script type=\"module\" src=\"/js/widget/join-page.js\"></script>");

        JsonPath shell = pageData(html);
        assertThat(shell.getString("base")).isEqualTo("http://localhost:" + RestAssured.port + "/");
        assertThat(shell.getMap("service")).isEqualTo(anonymous().get("/api/services/callback").then()
                .statusCode(200).extract().jsonPath().getMap("$"));
        assertThat(shell.getMap("joining")).as("the GET joins nothing").isNull();

        Response joined = openLink(joinUrl, Map.of());
        assertThat(joined.statusCode()).isEqualTo(200);
        assertThat(joined.header("Cache-Control")).isEqualTo("no-store");
        assertThat(joined.header("Set-Cookie")).startsWith("parley-link-" + annLeg + "=")
                .contains("Path=/join/", "HttpOnly", "SameSite=Strict");
        JsonPath data = joined.jsonPath();
        assertThat(data.getString("base")).isEqualTo("http://localhost:" + RestAssured.port + "/");
        assertThat(data.getString("joining.session.id")).isEqualTo(sessionId);
        assertThat(data.getString("joining.legId")).isEqualTo(annLeg);
        assertThat(data.getString("joining.connection.legId")).isEqualTo(annLeg);
        assertThat(data.getMap("joining.connection.channels")).containsOnlyKeys("control", "chat", "page-push",
                "voice");
        String visitorToken = data.getString("joining.visitorToken");
        assertThat(visitorToken).isNotBlank();

        try (Leg ann = new Leg(sessionId, annLeg, data.getString("joining.connection.token"),
                data.getMap("joining.connection.channels")).connect()) {
            ann.control.await("roster", roster -> roster.at("/session/legs").findValues("id").stream()
                    .anyMatch(id -> id.asText().equals(annLeg)));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!"connected".equals(session(sessionId).getString("legs.find { it.id == '" + annLeg + "' }.state"))
                    && System.nanoTime() < deadline) {
                Parley.pause(Duration.ofMillis(50));
            }
            assertThat(session(sessionId).getString("legs.find { it.id == '" + annLeg + "' }.state"))
                    .isEqualTo("connected");
            // The page's visitor token lets Ann join again later: the same leg, fresh details.
            Parley.visitor(visitorToken).body("{}").post("/api/sessions/{id}/legs", sessionId).then()
                    .statusCode(200).body("legId", equalTo(annLeg));
            // The link still opens the page in the browser that opened it first (a reload), and no other.
            assertThat(openLink(joinUrl, joined.cookies()).then().statusCode(200).extract().jsonPath()
                    .getString("joining.legId")).isEqualTo(annLeg);
            given().cookies(joined.cookies()).get(joinUrl).then().statusCode(200);
            openLink(joinUrl, Map.of()).then().statusCode(410).body("code", equalTo("link-used"));
        }
    }

    @Test
    void anInviteOfACustomerAnswersItsJoinUrlAndAnInviteOfACsrDoesNot() {
        JsonPath started = aliceCallsAnn();
        String sessionId = started.getString("session.id");
        JsonPath invited = as("alice").body(Map.of("endpoint", customer("bea"))).post("/api/sessions/{id}/legs",
                sessionId).then().statusCode(201).extract().jsonPath();
        assertThat(invited.getString("added[0].label")).isEqualTo("bea");
        assertThat(invited.getString("added[0].endpoint.id")).as("a new visitor, not 'bea'").startsWith("v-");
        String beaLeg = invited.getString("added[0].id");
        given().accept("application/json").get(invited.getString("joinUrl")).then().statusCode(200)
                .contentType("application/json").header("Cache-Control", "no-store")
                .body("service.id", equalTo("callback"));
        assertThat(joinByLink(invited.getString("joinUrl")).getString("joining.legId")).isEqualTo(beaLeg);

        JsonPath answer = operator().body(Map.of("service", "callback", "with", Parley.csr("carol"),
                "onBehalfOf", customer("cy"))).post("/api/sessions").then().statusCode(201).extract().jsonPath();
        assertThat(answer.getMap("$")).doesNotContainKey("joinUrl");
    }

    @Test
    void aForgedLinkIsAPageSayingSoWith401AndItsCode() {
        String link = aliceCallsAnn().getString("joinUrl");
        String forged = link.substring(0, link.length() - 4) + (link.endsWith("AAAA") ? "BBBB" : "AAAA");
        Response page = given().get(forged);
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body().asString()).contains("This link is not valid", "data-code=\"token-forged\"",
                "<code>token-forged</code>");
        given().accept("application/json").get(forged).then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("token-forged"));
        given().accept("application/json").get("/join/not-a-token").then().statusCode(401)
                .body("code", equalTo("token-malformed"));
    }

    @Test
    void anExpiredLinkIsGone() {
        JsonPath started = aliceCallsAnn();
        TokenService past = new TokenService(SECRET, Duration.ofMinutes(10), Duration.ofHours(24),
                Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(30),
                Clock.fixed(Instant.now().minus(Duration.ofHours(25)), ZoneOffset.UTC));
        String expired = past.issueLink(started.getString("session.id"), legOf(started, "ann"),
                endpointOf(started, "ann")).token();
        Response page = given().get("/join/{token}", expired);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body().asString()).contains("This link has expired", "<code>link-expired</code>");
        given().accept("application/json").get("/join/{token}", expired).then().statusCode(410)
                .contentType(PROBLEM).body("code", equalTo("link-expired"));
    }

    @Test
    void aLinkWhoseLegOrSessionIsGoneIsGone() {
        JsonPath started = aliceCallsAnn();
        String sessionId = started.getString("session.id");
        String bea = as("alice").body(Map.of("endpoint", customer("bea"))).post("/api/sessions/{id}/legs", sessionId)
                .then().statusCode(201).extract().jsonPath().getString("joinUrl");
        operator().delete("/api/sessions/{id}/legs/{leg}", sessionId, legOf(started, "ann")).then().statusCode(200);
        given().accept("application/json").get(started.getString("joinUrl")).then().statusCode(410)
                .body("code", equalTo("link-expired"));
        as("alice").body("{}").post("/api/sessions/{id}/end", sessionId).then().statusCode(200);
        Response page = given().get(bea);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body().asString()).contains("This conversation has ended", "<code>session-ended</code>");
    }

    @Test
    void staffInTheSessionGetAFreshLinkForAnInvitedCustomerAndOthersAreRefused() {
        JsonPath started = aliceCallsAnn();
        String sessionId = started.getString("session.id");
        String annLeg = legOf(started, "ann");
        String aliceLeg = started.getString("legId");

        JsonPath fresh = as("alice").body("{}").post("/api/sessions/{id}/legs/{leg}/link", sessionId, annLeg)
                .then().statusCode(200).extract().jsonPath();
        assertThat(fresh.getString("url")).startsWith("http://localhost:" + RestAssured.port + "/join/")
                .isNotEqualTo(started.getString("joinUrl"));
        assertThat(Instant.parse(fresh.getString("expiresAt"))).isAfter(Instant.now().plus(Duration.ofHours(23)));
        Response opened = openLink(fresh.getString("url"), Map.of());
        assertThat(opened.then().statusCode(200).extract().jsonPath().getString("joining.legId")).isEqualTo(annLeg);
        operator().body("{}").post("/api/sessions/{id}/legs/{leg}/link", sessionId, annLeg).then().statusCode(200);

        as("alice").body("{}").post("/api/sessions/{id}/legs/{leg}/link", sessionId, "no-such-leg").then()
                .statusCode(404).contentType(PROBLEM).body("code", equalTo("leg-not-found"));
        as("alice").body("{}").post("/api/sessions/{id}/legs/{leg}/link", sessionId, aliceLeg).then()
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("not-a-customer-leg"));
        as("bob").body("{}").post("/api/sessions/{id}/legs/{leg}/link", sessionId, annLeg).then()
                .statusCode(403).body("code", equalTo("not-a-member"));
        String visitorToken = openLink(fresh.getString("url"), opened.cookies()).then().statusCode(200).extract()
                .jsonPath().getString("joining.visitorToken");
        Parley.visitor(visitorToken).body("{}").post("/api/sessions/{id}/legs/{leg}/link", sessionId, annLeg)
                .then().statusCode(403).body("code", equalTo("not-permitted"));
        anonymous().body("{}").post("/api/sessions/{id}/legs/{leg}/link", sessionId, annLeg).then()
                .statusCode(401);

        as("alice").body("{}").post("/api/sessions/{id}/end", sessionId).then().statusCode(200);
        as("alice").body("{}").post("/api/sessions/{id}/legs/{leg}/link", sessionId, annLeg).then()
                .statusCode(409).body("code", equalTo("session-ended"));
    }

    @Test
    void noFreshLinkOnceTheCustomerHasConnected() {
        JsonPath started = aliceCallsAnn();
        String sessionId = started.getString("session.id");
        String annLeg = legOf(started, "ann");
        JsonPath data = joinByLink(started.getString("joinUrl"));
        try (Leg ann = new Leg(sessionId, annLeg, data.getString("joining.connection.token"),
                data.getMap("joining.connection.channels")).connect()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!"connected".equals(session(sessionId).getString("legs.find { it.id == '" + annLeg + "' }.state"))
                    && System.nanoTime() < deadline) {
                Parley.pause(Duration.ofMillis(50));
            }
            as("alice").body("{}").post("/api/sessions/{id}/legs/{leg}/link", sessionId, annLeg).then()
                    .statusCode(409).body("code", equalTo("leg-not-invited"));
        }
    }
}
