package io.parley.system.revocations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Base64;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Revocations are read into memory at start-up: one stored while this replica was not listening (by another
 * replica, on the database they share) is refused once it is read. (ClusterNoticesTest covers revocations
 * passed on over the cluster channel.)
 */
@QuarkusTest
class TokenRevocationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    TokenRevocations revocations;

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    @Test
    void aRevocationStoredWhileThisReplicaWasNotListeningIsReadWhenItStarts() throws Throwable {
        String token = consoleToken("bob");
        JsonNode claims = claims(token);
        pool.preparedQuery("insert into token_revocation (endpoint, token_id, issued_at,"
                + " expires_at, reason, created_at) values ('csr:bob', $1, to_timestamp($2), to_timestamp($3),"
                + " 'signed out elsewhere', now())").execute(Tuple.of(claims.path("jti").asText(),
                        claims.path("iat").asLong(), claims.path("exp").asLong()))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // Not heard of yet: a token check reads memory, not the database.
        bearer(token).get("/api/agents/bob").then().statusCode(200);
        assertThat(VertxContextSupport.subscribeAndAwait(revocations::load)).isPositive();
        bearer(token).get("/api/agents/bob").then().statusCode(401).body("code", equalTo("token-revoked"));
    }

    private static String consoleToken(String agent) {
        return Parley.as(agent).post("/api/tokens/console").then().statusCode(200).extract().path("token");
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
