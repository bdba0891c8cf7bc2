package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The customer decides whom their page is shared with, and the server holds to it on the real sockets: the agent
 * who served first may push; once the customer stops sharing, nobody's push goes anywhere until they share again;
 * an agent who joins later neither pushes nor sees the customer's page until the customer says yes.
 */
@QuarkusTest
class PageSharingTest {

    private Leg customer;
    private Leg alice;

    @BeforeEach
    void customerWithAlice() {
        Parley.reset();
        customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                "with", csr("alice")))).connect();
        alice = customer.joinedBy("alice").connect();
        customer.control.await("roster", roster -> connected(roster, alice.legId));
    }

    @AfterEach
    void bothLeave() {
        customer.close();
        alice.close();
    }

    @Test
    void anAgentPushingAfterTheCustomerStoppedSharingIsRefusedAndNothingReachesThePage() {
        try (WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token);
                WsClient alicePages = WsClient.connect(alice.url("page-push"), alice.token)) {
            assertThat(with(customerPages.await("sharing", frame -> !frame.path("with").isEmpty())))
                    .as("the agent who served first may show pages from the start").containsExactly(alice.legId);
            alicePages.await("ready");
            alicePages.send(Map.of("type", "navigate", "url", customer.shopPage("espresso.html")));
            assertThat(customerPages.await("navigate").path("url").asText()).endsWith("espresso.html");

            customerPages.send(Map.of("type", "stop"));
            JsonNode stopped = alicePages.await("sharing", frame -> frame.path("stopped").asBoolean());
            assertThat(with(stopped)).isEmpty();
            assertThat(stopped.path("legId").asText()).isEqualTo(customer.legId);
            assertThat(alicePages.await("leader", frame -> frame.path("legId").isNull()))
                    .as("nobody leads the page now")
                    .isNotNull();
            customerPages.await("sharing", frame -> frame.path("stopped").asBoolean());

            // A hostile console keeps pushing, leading, scrolling and pointing out, and decides for the customer.
            alicePages.send(Map.of("type", "navigate", "url", customer.shopPage("grinders.html")));
            JsonNode refused = alicePages.await("error");
            assertThat(refused.path("code").asText()).isEqualTo("not-shared");
            assertThat(refused.path("message").asText()).contains("stopped sharing");
            alicePages.send(Map.of("type", "lead"));
            assertThat(alicePages.await("error").path("code").asText()).isEqualTo("not-shared");
            alicePages.send(Map.of("type", "scroll", "x", 0, "y", 0.5));
            assertThat(alicePages.await("error").path("code").asText()).isEqualTo("not-shared");
            alicePages.send(Map.of("type", "highlight", "selector", "#content"));
            assertThat(alicePages.await("error").path("code").asText()).isEqualTo("not-shared");
            alicePages.send(Map.of("type", "share"));
            assertThat(alicePages.await("error").path("code").asText()).as("only the customer shares their page")
                    .isEqualTo("not-permitted");
            alicePages.awaitHandled();
            customerPages.awaitHandled();
            assertThat(customerPages.unclaimed()).as("nothing the agent sent reached the customer's page")
                    .noneMatch(frame -> List.of("navigate", "scroll", "highlight", "pointer")
                            .contains(frame.path("type").asText()));

            // A page of the customer that connects now is told sharing stopped, and is not taken anywhere.
            try (WsClient nextPage = WsClient.connect(customer.url("page-push"), customer.token)) {
                assertThat(nextPage.await("sharing").path("stopped").asBoolean()).isTrue();
                nextPage.await("ready");
                assertThat(nextPage.unclaimed()).noneMatch(frame -> frame.path("type").asText().equals("navigate"));
            }

            customerPages.send(Map.of("type", "share"));
            assertThat(with(alicePages.await("sharing", frame -> !frame.path("stopped").asBoolean()
                    && frame.path("legId").asText().equals(customer.legId)))).containsExactly(alice.legId);
            alicePages.send(Map.of("type", "navigate", "url", customer.shopPage("grinders.html")));
            assertThat(customerPages.await("navigate").path("url").asText()).endsWith("grinders.html");
        }
    }

    @Test
    void anAgentWhoJoinsLaterNeitherPushesNorSeesTheCustomersPageUntilTheCustomerSaysYes() {
        try (WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token);
                WsClient alicePages = WsClient.connect(alice.url("page-push"), alice.token)) {
            customerPages.await("ready");
            alicePages.await("ready");
            customerPages.send(Map.of("type", "lead"));
            customerPages.send(Map.of("type", "navigate", "url", customer.shopPage("cart.html")));
            assertThat(alicePages.await("navigate").path("url").asText()).endsWith("cart.html");

            as("alice").body(Map.of("to", csr("bob"), "mode", "warm"))
                    .post("/api/sessions/{id}/transfer", customer.sessionId).then().statusCode(202);
            Parley.accepts("bob", customer.sessionId);
            try (Leg bob = customer.joinedBy("bob").connect();
                    WsClient bobPages = WsClient.connect(bob.url("page-push"), bob.token)) {
                assertThat(with(bobPages.await("sharing"))).as("the customer shares with Alice, not with Bob")
                        .containsExactly(alice.legId);
                assertThat(bobPages.await("leader").path("legId").asText()).isEqualTo(customer.legId);
                bobPages.await("ready");
                customerPages.send(Map.of("type", "scroll", "x", 0, "y", 0.5));
                assertThat(alicePages.await("scroll").path("y").asDouble()).isEqualTo(0.5);

                bobPages.send(Map.of("type", "lead"));
                JsonNode refused = bobPages.await("error");
                assertThat(refused.path("code").asText()).isEqualTo("not-shared");
                assertThat(refused.path("message").asText()).contains("has not shared their page with you");
                bobPages.send(Map.of("type", "navigate", "url", customer.shopPage("grinders.html")));
                assertThat(bobPages.await("error").path("code").asText()).isEqualTo("not-shared");
                bobPages.send(Map.of("type", "stop"));
                assertThat(bobPages.await("error").path("code").asText()).isEqualTo("not-permitted");
                bobPages.awaitHandled();
                customerPages.awaitHandled();
                assertThat(bobPages.unclaimed()).as("Bob learnt nothing of where the customer's page is")
                        .noneMatch(frame -> List.of("navigate", "scroll", "pointer")
                                .contains(frame.path("type").asText()));
                assertThat(customerPages.unclaimed()).noneMatch(frame -> frame.toString().contains("grinders"));

                customerPages.send(Map.of("type", "share"));
                assertThat(
                        with(bobPages.await("sharing", frame -> frame.path("legId").asText().equals(customer.legId))))
                        .containsExactlyInAnyOrder(alice.legId, bob.legId);
                customerPages.send(Map.of("type", "scroll", "x", 0, "y", 0.25));
                assertThat(bobPages.await("scroll").path("y").asDouble()).isEqualTo(0.25);
                bobPages.send(Map.of("type", "lead"));
                assertThat(customerPages.await("leader", frame -> frame.path("legId").asText().equals(bob.legId)))
                        .isNotNull();
            }
        }
    }

    @Test
    void aCustomerWhoStaysOnAChangedPageIsToldToTheAgentAndOnlyTheCustomerMaySaySo() {
        try (WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token);
                WsClient alicePages = WsClient.connect(alice.url("page-push"), alice.token)) {
            customerPages.await("ready");
            alicePages.await("ready");
            alicePages.send(Map.of("type", "navigate", "url", customer.shopPage("grinders.html")));
            customerPages.await("navigate");
            customerPages.send(Map.of("type", "stay"));
            assertThat(alicePages.await("stayed").path("legId").asText()).isEqualTo(customer.legId);
            alicePages.send(Map.of("type", "stay"));
            assertThat(alicePages.await("error").path("code").asText()).isEqualTo("not-permitted");
            alicePages.send(Map.of("type", "scroll", "x", 0, "y", 0.5));
            assertThat(customerPages.await("scroll").path("legId").asText()).as("the agent leads on")
                    .isEqualTo(alice.legId);
            assertThat(customerPages.unclaimed()).noneMatch(frame -> frame.path("type").asText().equals("stayed"));
        }
    }

    private static List<String> with(JsonNode sharing) {
        return StreamSupport.stream(sharing.path("with").spliterator(), false)
                .map(JsonNode::asText).toList();
    }

    private static boolean connected(JsonNode roster, String legId) {
        for (JsonNode leg : roster.at("/session/legs")) {
            if (leg.path("id").asText().equals(legId)) {
                return leg.path("state").asText().equals("connected");
            }
        }
        return false;
    }
}
