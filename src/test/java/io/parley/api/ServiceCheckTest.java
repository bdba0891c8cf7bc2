package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** A service configuration is checked the way start-up would, without applying it. */
@QuarkusTest
class ServiceCheckTest {

    private static final String VALID = """
            parley:
              services:
                returns:
                  name: Returns
                  routing: {strategy: ring-all, queue-timeout: 2m, overflow: desk}
                  subjects: {refund: ["billing>=4"]}
                  allow: {transfer: false}
                desk:
                  name: Desk
                  behaviour: subject-room
                  subjects: {lounge: [espresso]}
            """;

    @Test
    void aValidConfigurationIsPreviewedRequestByRequest() {
        JsonPath check = yaml(operator(), VALID).post("/api/services/check").then()
                .statusCode(200).extract().jsonPath();
        assertThat(check.getList("problems", String.class)).isEmpty();
        assertThat(check.getBoolean("valid")).isTrue();
        assertThat(check.getList("services.id", String.class)).containsExactly("desk", "returns");
        assertThat(check.getString("services.find { it.id == 'returns' }.requests.find { it.request =="
                + " 'the CSR transfers to a named CSR' }.outcome")).startsWith("transfer-not-allowed");
        assertThat(check.getBoolean("services.find { it.id == 'returns' }.requests.find { it.request =="
                + " 'a customer asks (refund)' }.allowed")).isTrue();
        operator().get("/api/services/returns").then().statusCode(404);
    }

    @Test
    void problemsAreNamedByTheirKey() {
        String broken = """
                parley:
                  services:
                    returns:
                      name: Returns
                      behaviour: routd
                      routing: {strategy: cheapest, overflow: nowhere}
                      subjects: {refund: ["billing>=12"]}
                """;
        JsonPath check = yaml(operator(), broken).post("/api/services/check").then()
                .statusCode(200).body("valid", equalTo(false)).extract().jsonPath();
        assertThat(check.getList("problems", String.class)).contains(
                "parley.services.returns.routing.overflow: no service named 'nowhere'",
                "parley.services.returns.subjects.refund: 'billing>=12' — skill levels are 1..10");
        JsonPath unreadable = yaml(operator(), """
                parley:
                  services:
                    returns:
                      name: Returns
                      routing: {offer-timeout: soon}
                """).post("/api/services/check").then().statusCode(200).body("valid", equalTo(false)).extract()
                .jsonPath();
        assertThat(unreadable.getString("problems[0]")).contains("offer-timeout");
        yaml(as("alice"), VALID).post("/api/services/check").then().statusCode(403);
    }

    private static RequestSpecification yaml(RequestSpecification request, String body) {
        return request.contentType("application/yaml").body(body.getBytes(StandardCharsets.UTF_8));
    }
}
