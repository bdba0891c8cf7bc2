package io.parley.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/**
 * Agents and operators signed in through OpenID Connect instead of configured passwords: switched on by
 * configuration alone. The provider is stood in for by a public key the tokens are checked against.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.WithOidc.class)
class OidcSignInTest {

    private static final String ISSUER = "https://id.example.com/realms/parley";

    public static class WithOidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", publicKey(),
                    "quarkus.oidc.token.issuer", ISSUER);
        }
    }

    private static String publicKey() {
        try (InputStream pem = OidcSignInTest.class.getResourceAsStream("/oidc/public-key.pem")) {
            return new String(pem.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String user, String... groups) {
        return Jwt.issuer(ISSUER).upn(user).groups(Set.of(groups)).expiresIn(300).sign("oidc/private-key.pem");
    }

    @Test
    void anAgentSignedInByTheProviderIsThatCsr() {
        given().auth().oauth2(token("alice", "agent")).get("/api/agents").then().statusCode(200)
                .body("id", hasItem("alice"));
        given().auth().oauth2(token("alice", "agent")).contentType(ContentType.JSON).body("{\"presence\":\"away\"}")
                .put("/api/agents/bob/presence").then().statusCode(403);
        given().auth().oauth2(token("alice", "agent")).contentType(ContentType.JSON)
                .body("{\"presence\":\"available\"}").put("/api/agents/alice/presence").then().statusCode(200)
                .body("presence", equalTo("available"));
    }

    @Test
    void anOperatorSignedInByTheProviderActsOnBehalfOfEndpoints() {
        given().auth().oauth2(token("olga", "operator")).contentType(ContentType.JSON)
                .body(Map.of("service", "callback", "with", Map.of("kind", "csr", "id", "carol"),
                        "onBehalfOf", Map.of("kind", "customer", "id", "ann")))
                .post("/api/sessions").then().statusCode(201)
                .body("session.legs.endpoint.id", hasItem("ann"));
    }

    @Test
    void aTokenNotSignedByTheProviderIsRefusedAndVisitorsStillWork() {
        String forged = Jwt.issuer(ISSUER).upn("alice").groups("operator").expiresIn(300)
                .signWithSecret("not-the-providers-key-not-the-providers-key");
        given().auth().oauth2(forged).get("/api/agents").then().statusCode(401);
        String visitor = given().contentType(ContentType.JSON).body(Map.of("service", "sales", "subject", "pricing"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getString("visitorToken");
        given().auth().oauth2(visitor).get("/api/sessions").then().statusCode(200);
    }
}
