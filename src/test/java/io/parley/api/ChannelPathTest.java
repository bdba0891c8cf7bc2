package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A leg token opens only the channels it names, whatever spelling of the path asks for another: the
 * upgrade is checked on the path the router will route (percent-decoded, slashes collapsed, dot segments
 * resolved), and the socket checks its channel again when it opens.
 */
@QuarkusTest
class ChannelPathTest {

    @BeforeEach
    void reset() {
        Parley.reset();
    }

    @Test
    void encodedDoubledOrDottedPathsDoNotOpenAChannelTheTokenDoesNotGrant() {
        // The lab service is chat only: its leg tokens grant control and chat, never voice or page push.
        JsonPath customer = Parley.visitorStarts(Map.of("service", "lab", "subject", "pricing"));
        String token = customer.getString("connection.token");
        String chat = customer.getString("connection.channels.chat");
        assertThat(chat).endsWith("/chat");
        String base = chat.substring(0, chat.length() - "chat".length());
        String root = base.substring(0, base.indexOf("/ws/"));
        String tail = base.substring(base.indexOf("/ws/") + "/ws/".length());

        List<String> attacks = List.of(
                base + "voice",
                base + "%76oice",
                base + "page-push",
                base + "%70age-push",
                root + "/ws//" + tail + "voice",
                root + "//ws/" + tail + "voice",
                base + "chat/../voice",
                base.replace("/legs/", "/legs/./") + "voice",
                root + "/ws/%73essions/" + tail.substring("sessions/".length()) + "voice",
                base.replace("/legs/", "/%6cegs/") + "voice");
        for (String url : attacks) {
            assertThat(WsClient.refusal(url, token)).as("%s is refused", url).isNotNull();
        }

        try (WsClient granted = WsClient.connect(customer.getString("connection.channels.control"), token)) {
            assertThat(granted.await("welcome").path("legId").asText()).isEqualTo(customer.getString("legId"));
        }
    }
}
