package io.parley.api;

import static io.parley.support.Parley.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;

/** A service's canned replies, as configured, for staff only. */
@QuarkusTest
class CannedRepliesTest {

    @Test
    void staffReadAServicesRepliesByNameAndNobodyElseDoes() {
        List<Map<String, String>> replies = as("alice").get("/api/services/sales/replies").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(replies).extracting(reply -> reply.get("name"))
                .containsExactly("annual-plan", "goodbye", "greeting", "one-moment");
        assertThat(replies).filteredOn(reply -> reply.get("name").equals("greeting")).singleElement()
                .satisfies(reply -> assertThat(reply.get("text")).startsWith("Hello, thanks for contacting Sales!"));
        as("sam").get("/api/services/sales/replies").then().statusCode(200);
        as("operator").get("/api/services/support/replies").then().statusCode(200);

        String visitor = Parley.anonymous().body(Map.of("service", "sales", "subject", "pricing"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath().getString("visitorToken");
        Parley.visitor(visitor).get("/api/services/sales/replies").then().statusCode(403);
        Parley.anonymous().get("/api/services/sales/replies").then().statusCode(401);
        as("alice").get("/api/services/nope/replies").then().statusCode(404);
        assertThat(Parley.anonymous().get("/api/services/sales").then().statusCode(200).extract().asString())
                .as("the public view of a service carries no replies").doesNotContain("annual plan");
    }
}
