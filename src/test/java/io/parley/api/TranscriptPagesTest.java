package io.parley.api;

import static io.parley.support.Parley.operator;
import static io.parley.support.Parley.visitor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.api.ws.LimitsConfig;
import io.parley.support.Leg;
import io.parley.support.Parley;
import io.parley.support.WsClient;
import io.parley.system.SystemConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A transcript longer than {@code parley.limits.history-bytes} is not answered in one piece over REST: each page
 * is within the bound and links to the next ({@code Link: <…?after=SEQ>; rel="next"}, on the public URL), and
 * following the links gives every message once, in order.
 */
@QuarkusTest
class TranscriptPagesTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    @Inject
    LimitsConfig limits;
    @Inject
    SystemConfig system;

    private Leg customer;
    private String visitorToken;

    @BeforeEach
    void customerWithAlice() {
        Parley.reset();
        JsonPath started = Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with",
                Parley.csr("alice")));
        customer = new Leg(started);
        visitorToken = started.getString("visitorToken");
        customer.joinedBy("alice");
    }

    /** The customer says {@code total} messages of {@code text}, a burst per connection (the rate is not tested). */
    private void say(int total, String text) {
        int perConnection = limits.chat().burst();
        for (int sent = 0; sent < total;) {
            try (WsClient chat = WsClient.connect(customer.url("chat"), customer.token)) {
                chat.await("ready");
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perConnection && sent < total; i++, sent++) {
                    ids.add("p-" + sent);
                    chat.send(Map.of("type", "message", "clientId", ids.getLast(), "text", text));
                }
                ids.forEach(id -> chat.await("ack", ack -> ack.path("clientId").asText().equals(id)));
            }
        }
    }

    private static String next(Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        Matcher next = NEXT.matcher(link);
        assertThat(next.find()).as("a next link in %s", link).isTrue();
        return next.group(1);
    }

    /** Every page from the first, following the links: the seqs, checking each page's size on the way. */
    private List<Long> allPages(RequestSpecification reader) {
        long budget = limits.historyBytes().asLongValue();
        List<Long> seqs = new ArrayList<>();
        String url = "/api/sessions/" + customer.sessionId + "/transcript";
        int pages = 0;
        while (url != null) {
            Response page = reader.get(url);
            page.then().statusCode(200);
            assertThat(page.asByteArray().length).as("page %d within the bound", pages).isLessThanOrEqualTo(
                    (int) budget + 2);
            List<Long> onPage = page.jsonPath().getList("seq", Long.class);
            assertThat(onPage).as("a page is never empty while more follow").isNotEmpty();
            seqs.addAll(onPage);
            url = next(page);
            if (url != null) {
                assertThat(url).startsWith(system.publicUrl().toString())
                        .endsWith("/api/sessions/" + customer.sessionId + "/transcript?after=" + onPage.getLast());
            }
            pages++;
        }
        assertThat(pages).as("more than one page").isGreaterThan(1);
        return seqs;
    }

    @Test
    void aTranscriptOverTheBoundComesInPagesThatLinkToTheNext() {
        String text = "y".repeat(4000);
        int total = (int) (limits.historyBytes().asLongValue() / text.length()) + 5;
        say(total, text);

        assertThat(allPages(operator())).as("every message once, in order").hasSize(total).isSorted()
                .doesNotHaveDuplicates();
        assertThat(allPages(visitor(visitorToken))).as("the customer reads its own the same way")
                .hasSize(total);

        Response last = operator().get("/api/sessions/{id}/transcript?after={seq}", customer.sessionId, total);
        last.then().statusCode(200);
        assertThat(last.jsonPath().getList("$")).isEmpty();
        assertThat(last.header("Link")).as("nothing after the last page").isNull();
    }

    @Test
    void aShortTranscriptIsOnePageWithoutALink() {
        say(3, "hello");
        Response page = operator().get("/api/sessions/{id}/transcript", customer.sessionId);
        page.then().statusCode(200);
        assertThat(page.jsonPath().getList("seq", Long.class)).containsExactly(1L, 2L, 3L);
        assertThat(page.header("Link")).isNull();
    }
}
