package io.parley.api;

import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A leg whose control channel is gone for longer than the reconnect grace (2 s in tests) fails. */
@QuarkusTest
class ConnectionLossTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    private static JsonPath session(String id) {
        return Parley.operator().get("/api/sessions/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Test
    void aLegThatReconnectsInTimeStays() throws InterruptedException {
        Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                "with", csr("alice")))).connect();
        try (customer) {
            customer.control.close();
            sleep(Duration.ofMillis(500));
            customer.control = WsClient.connect(customer.url("control"), customer.token);
            customer.control.await("welcome");
            sleep(Duration.ofSeconds(3));
            assertThat(session(customer.sessionId).getString("legs.find { it.id == '" + customer.legId + "' }.state"))
                    .isEqualTo("connected");
        }
    }

    @Test
    void aCustomerGoneLongerThanTheGraceFailsAndTheRoutedSessionEnds() throws InterruptedException {
        Leg customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                "with", csr("alice")))).connect();
        customer.control.await("roster", r -> r.toString().contains("\"connected\""));
        customer.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonPath session = session(customer.sessionId);
        while (!session.getString("state").equals("ended") && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
            session = session(customer.sessionId);
        }
        assertThat(session.getString("state")).isEqualTo("ended");
        assertThat(session.getString("legs.find { it.id == '" + customer.legId + "' }.state")).isEqualTo("failed");
        assertThat(session.getString("endReason")).isEqualTo("customer left");
    }
}
