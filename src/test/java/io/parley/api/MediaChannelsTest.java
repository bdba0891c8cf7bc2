package io.parley.api;

import static io.parley.support.Parley.as;
import static io.parley.support.Parley.csr;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.pagepush.PagePushConfig;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;

/** The page-push and voice channels relay between the legs of one session, within the service's rules. */
@QuarkusTest
class MediaChannelsTest {

    @Inject
    PagePushConfig pagePush;

    private Leg customer;
    private Leg alice;

    @BeforeEach
    void customerWithAlice() {
        Parley.reset();
        customer = new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing",
                "with", csr("alice"))));
        alice = new Leg(as("alice").body("{}").post("/api/sessions/{id}/legs", customer.sessionId)
                .then().statusCode(200).extract().jsonPath());
    }

    @Test
    void theLeadersPagesAreFollowedAndForbiddenUrlsNeverArrive() {
        try (WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token);
                WsClient alicePages = WsClient.connect(alice.url("page-push"), alice.token)) {
            customerPages.await("ready");
            alicePages.await("ready");
            // The demo services allow "self": pages of the origin Parley is reached at.
            String page = customer.shopPage("");
            alicePages.send(Map.of("type", "navigate", "url", page));
            assertThat(alicePages.await("leader").path("legId").asText()).as("the first push takes the lead")
                    .isEqualTo(alice.legId);
            assertThat(customerPages.await("leader").path("legId").asText()).isEqualTo(alice.legId);
            JsonNode navigate = customerPages.await("navigate");
            assertThat(navigate.path("url").asText()).isEqualTo(page);
            assertThat(navigate.path("legId").asText()).isEqualTo(alice.legId);
            assertThat(navigate.path("catchUp").asBoolean()).as("told as it happened").isFalse();

            alicePages.send(Map.of("type", "navigate", "url", "javascript:alert(document.cookie)"));
            assertThat(alicePages.await("error").path("code").asText()).isEqualTo("url-not-allowed");
            alicePages.send(Map.of("type", "navigate", "url", "https://evil.example.net/phish"));
            assertThat(alicePages.await("error").path("message").asText()).contains("not allowed");
            alicePages.send(Map.of("type", "scroll", "x", 0, "y", 0.5));
            JsonNode next = customerPages.await("scroll");
            assertThat(next.path("y").asDouble()).isEqualTo(0.5);
            assertThat(customerPages.unclaimed()).as("no refused URL reached the customer")
                    .noneMatch(frame -> frame.toString().contains("javascript") || frame.toString().contains("evil"));

            customerPages.send(Map.of("type", "pointer", "x", 0.2, "y", 0.3));
            assertThat(customerPages.await("error").path("code").asText()).isEqualTo("not-leader");
            customerPages.send(Map.of("type", "lead"));
            assertThat(alicePages.await("leader").path("legId").asText()).isEqualTo(customer.legId);
            customerPages.send(Map.of("type", "pointer", "x", 0.2, "y", 0.3));
            assertThat(alicePages.await("pointer").path("x").asDouble()).isEqualTo(0.2);

            customerPages.send("{\"type\":\"navigate\",\"url\":{\"href\":\"x\"}}");
            assertThat(customerPages.await("error").path("code").asText()).isEqualTo("invalid-field-type");
            customerPages.send(Map.of("type", "scroll", "x", 5, "y", -1));
            assertThat(customerPages.await("error").path("code").asText()).isEqualTo("invalid-request");
        }
    }

    @Test
    void aPointerNamesTheElementItIsOverSoItLandsThereOnAPageLaidOutOtherwise() {
        try (WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token);
                WsClient alicePages = WsClient.connect(alice.url("page-push"), alice.token)) {
            customerPages.await("ready");
            alicePages.await("ready");
            alicePages.send(Map.of("type", "pointer", "x", 0.25, "y", 0.75, "selector", "#dual-boiler-pro > h2"));
            JsonNode pointer = customerPages.await("pointer");
            assertThat(pointer.path("selector").asText()).isEqualTo("#dual-boiler-pro > h2");
            assertThat(pointer.path("x").asDouble()).as("a fraction of the element's box").isEqualTo(0.25);
            alicePages.send(Map.of("type", "pointer", "x", 0.5, "y", 0.5));
            assertThat(customerPages.await("pointer").has("selector")).as("over the page itself").isFalse();
            alicePages.send(Map.of("type", "pointer", "x", 0.5, "y", 0.5, "selector", "div > ".repeat(60)));
            assertThat(alicePages.await("error").path("code").asText()).isEqualTo("invalid-request");
        }
    }

    @Test
    void aPageThatConnectsLateLearnsTheLeaderItsPageAndWhereItScrolledTo() {
        try (WsClient alicePages = WsClient.connect(alice.url("page-push"), alice.token)) {
            alicePages.await("ready");
            alicePages.send(Map.of("type", "scroll", "x", 0, "y", 0.4));
            assertThat(alicePages.await("leader").path("legId").asText()).isEqualTo(alice.legId);
            try (WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token)) {
                customerPages.await("ready");
                assertThat(customerPages.await("leader").path("legId").asText()).isEqualTo(alice.legId);
                JsonNode scroll = customerPages.await("scroll");
                assertThat(scroll.path("y").asDouble()).isEqualTo(0.4);
                assertThat(scroll.path("legId").asText()).isEqualTo(alice.legId);
                assertThat(customerPages.unclaimed()).as("the leader's page is not known yet: nothing to catch up on")
                        .noneMatch(frame -> frame.path("type").asText().equals("navigate"));
            }
            // A push made while the customer's page was loading (its page push not connected) is not lost.
            String page = customer.shopPage("espresso.html");
            alicePages.send(Map.of("type", "navigate", "url", page));
            alicePages.send(Map.of("type", "scroll", "x", 0, "y", 0.6));
            alicePages.awaitHandled();
            try (WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token)) {
                customerPages.await("ready");
                assertThat(customerPages.await("leader").path("legId").asText()).isEqualTo(alice.legId);
                JsonNode navigate = customerPages.await("navigate");
                assertThat(navigate.path("url").asText()).isEqualTo(page);
                assertThat(navigate.path("catchUp").asBoolean()).as("told late").isTrue();
                assertThat(customerPages.await("scroll").path("y").asDouble()).as("the position on that page")
                        .isEqualTo(0.6);
            }
        }
    }

    @Test
    void whenTheLeadersPagePushClosesNobodyLeadsAndTheNextPushLeads() {
        try (WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token)) {
            customerPages.await("ready");
            try (WsClient alicePages = WsClient.connect(alice.url("page-push"), alice.token)) {
                alicePages.await("ready");
                alicePages.send(Map.of("type", "scroll", "x", 0, "y", 0.25));
                assertThat(customerPages.await("leader").path("legId").asText()).isEqualTo(alice.legId);
                customerPages.send(Map.of("type", "scroll", "x", 0, "y", 0.75));
                assertThat(customerPages.await("error").path("code").asText()).isEqualTo("not-leader");
            }
            JsonNode released = customerPages.await("leader");
            assertThat(released.path("legId").isNull()).as("nobody leads: %s", released).isTrue();
            customerPages.send(Map.of("type", "scroll", "x", 0, "y", 0.75));
            assertThat(customerPages.await("leader").path("legId").asText()).isEqualTo(customer.legId);
        }
    }

    @Test
    void aLeaderWhosePageChangesLeadsOnAndNobodyIsToldOtherwise() throws InterruptedException {
        // Both stay connected (control and chat) through the wait beyond the grace.
        try (Leg customerHere = customer.connect(); Leg aliceHere = alice.connect();
                WsClient alicePages = WsClient.connect(alice.url("page-push"), alice.token)) {
            alicePages.await("ready");
            WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token);
            customerPages.await("ready");
            customerPages.send(Map.of("type", "lead"));
            assertThat(alicePages.await("leader").path("legId").asText()).isEqualTo(customer.legId);
            customerPages.drop();
            Thread.sleep(300); // the server has seen the page go: its page push is now gone
            // The customer's next page connects after the one before has closed, within the grace.
            try (WsClient nextPage = WsClient.connect(customer.url("page-push"), customer.token)) {
                nextPage.await("ready");
                assertThat(nextPage.await("leader").path("legId").asText()).isEqualTo(customer.legId);
                nextPage.send(Map.of("type", "pointer", "x", 0.2, "y", 0.3));
                assertThat(alicePages.await("pointer").path("legId").asText()).isEqualTo(customer.legId);
                Thread.sleep(pagePush.leadGrace().plusMillis(500).toMillis());
                alicePages.send(Map.of("type", "scroll", "x", 0, "y", 0.5));
                assertThat(alicePages.await("error").path("code").asText()).as("the customer still leads")
                        .isEqualTo("not-leader");
                assertThat(alicePages.unclaimed()).as("nobody was told that nobody leads")
                        .noneMatch(frame -> frame.path("type").asText().equals("leader"));
            }
        }
    }

    @Test
    void aLeaderWhoLeavesGivesTheLeadUpAtOnce() {
        try (Leg customerHere = customer.connect(); Leg aliceHere = alice.connect();
                WsClient customerPages = WsClient.connect(customer.url("page-push"), customer.token);
                WsClient alicePages = WsClient.connect(alice.url("page-push"), alice.token)) {
            customerPages.await("ready");
            alicePages.await("ready");
            alicePages.send(Map.of("type", "scroll", "x", 0, "y", 0.25));
            assertThat(customerPages.await("leader").path("legId").asText()).isEqualTo(alice.legId);
            long leaving = System.nanoTime();
            aliceHere.control.send(Map.of("type", "leave"));
            JsonNode released = customerPages.await("leader");
            assertThat(released.path("legId").isNull()).as("nobody leads: %s", released).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - leaving)).as("her page is not coming back: no grace")
                    .isLessThan(pagePush.leadGrace());
        }
    }

    @Test
    void voiceFramesReachTheOtherLegsWithTheSendersLegId() {
        try (WsClient customerVoice = WsClient.connect(customer.url("voice"), customer.token);
                WsClient aliceVoice = WsClient.connect(alice.url("voice"), alice.token)) {
            assertThat(customerVoice.await("ready").path("channel").asText()).isEqualTo("voice");
            aliceVoice.await("ready");
            byte[] frame = ByteBuffer.allocate(12 + 160).putInt(1).putInt(960).put((byte) 1).array();
            Arrays.fill(frame, 12, frame.length, (byte) 7);
            customerVoice.sendBinary(frame);
            byte[] heard = aliceVoice.awaitBinary();
            int idLength = heard[0];
            assertThat(new String(heard, 1, idLength, StandardCharsets.US_ASCII)).isEqualTo(customer.legId);
            assertThat(Arrays.copyOfRange(heard, 1 + idLength, heard.length)).isEqualTo(frame);

            customerVoice.sendBinary(new byte[5000]);
            assertThat(customerVoice.await("error").path("code").asText()).isEqualTo("frame-too-large");
            customerVoice.send(Map.of("type", "mute", "muted", true));
            assertThat(aliceVoice.await("muted").path("legId").asText()).isEqualTo(customer.legId);
            // A browser without an Opus decoder says so; the others then send it PCM.
            customerVoice.send(Map.of("type", "codecs", "decodes", List.of("pcm")));
            JsonNode codecs = aliceVoice.await("codecs");
            assertThat(codecs.path("legId").asText()).isEqualTo(customer.legId);
            assertThat(codecs.path("decodes").get(0).asText()).isEqualTo("pcm");
            assertThat(codecs.path("reply").asBoolean()).isFalse();
            aliceVoice.send(Map.of("type", "codecs", "decodes", List.of("opus", "pcm"), "reply", true));
            assertThat(customerVoice.await("codecs").path("reply").asBoolean()).as("alice answers").isTrue();
            customerVoice.send(Map.of("type", "codecs", "decodes", List.of("mp3")));
            assertThat(customerVoice.await("error").path("code").asText()).isEqualTo("invalid-request");
            customerVoice.send("{\"type\":\"codecs\",\"decodes\":[null]}");
            assertThat(customerVoice.await("error").path("code").asText()).isEqualTo("invalid-request");
            aliceVoice.sendBinary(frame);
            assertThat(customerVoice.awaitBinary()).hasSize(1 + alice.legId.length() + frame.length);
            assertThat(customerVoice.isClosed()).isFalse();
        }
    }
}
