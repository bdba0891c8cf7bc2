package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The keys the CLI sends with its POSTs, against a stand-in HTTP server that answers 503 when told to. */
class ParleyClientTest {

    private HttpServer server;
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            byte[] body = (unavailable.getAndDecrement() > 0 ? "{\"code\":\"draining\"}" : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(unavailable.get() >= 0 ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Pages of a list at /pages?page=N, the next one linked on another host: the client stays on its own. */
    private final List<String> pagesAsked = new CopyOnWriteArrayList<>();

    private void servePages(int count) {
        server.createContext("/pages", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            pagesAsked.add(exchange.getRequestHeaders().getFirst("Host") + " " + query);
            int page = query == null ? 1 : Integer.parseInt(query.replace("page=", ""));
            if (page < count) {
                exchange.getResponseHeaders().add("Link", "<http://elsewhere.example/pages?page=" + (page + 1)
                        + ">; rel=\"next\"");
            }
            byte[] body = ("[{\"n\":" + (2 * page - 1) + "},{\"n\":" + 2 * page + "}]")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private ParleyClient client() {
        return new ParleyClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), null);
    }

    @Test
    void eachPostOfAnInvocationHasAKeyOfItsOwnFromOneUuid() {
        ParleyClient client = client();
        client.post("api/sessions", Map.of("service", "sales"));
        client.post("api/sessions/{id}/end", Map.of(), "s-1");
        client.get("api/sessions");
        assertThat(keys).hasSize(3);
        assertThat(keys.get(0)).matches("[0-9a-f-]{36}-1");
        assertThat(keys.get(1)).isEqualTo(keys.get(0).replaceFirst("-1$", "-2"));
        assertThat(keys.get(2)).as("GET sends none").isEqualTo("null");
        client().post("api/sessions", Map.of("service", "sales"));
        assertThat(keys.get(3)).as("another invocation").doesNotStartWith(keys.get(0).substring(0, 36));
    }

    @Test
    void aListInPagesIsReadWholeFollowingEachLinkOnItsOwnServer() {
        servePages(3);
        assertThat(client().getAll("pages").findValuesAsText("n")).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(pagesAsked).hasSize(3).allMatch(asked -> asked.startsWith("127.0.0.1:"))
                .extracting(asked -> asked.substring(asked.indexOf(' ') + 1))
                .containsExactly("null", "page=2", "page=3");
    }

    @Test
    void aPostRetriedAfterA503CarriesTheSameKey() {
        unavailable.set(1);
        client().post("api/sessions", Map.of("service", "sales"));
        assertThat(keys).hasSize(2);
        assertThat(keys.get(1)).isEqualTo(keys.get(0));
    }
}
