package io.parley.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/**
 * One endpoint's leg as a test drives it: the connection details from a join, and its control and
 * chat connections, opened and reported like a browser does.
 */
public final class Leg implements AutoCloseable {

    public final String sessionId;
    public final String legId;
    public final String token;
    private final Map<String, String> urls;
    public WsClient control;
    public WsClient chat;

    public Leg(JsonPath joining) {
        this(joining.getString("session.id"), joining.getString("legId"), joining.getString("connection.token"),
                joining.getMap("connection.channels"));
    }

    public Leg(String sessionId, String legId, String token, Map<String, String> urls) {
        this.sessionId = sessionId;
        this.legId = legId;
        this.token = token;
        this.urls = Map.copyOf(urls);
    }

    /** A new visitor asks Sales about pricing, naming CSR {@code csr}: the visitor's leg, not connected yet. */
    public static Leg customerWith(String csr) {
        return new Leg(Parley.visitorStarts(Map.of("service", "sales", "subject", "pricing", "with", Parley.csr(csr))));
    }

    /** The agent joins this leg's session (as a CSR named into it does): its leg, not connected yet. */
    public Leg joinedBy(String agent) {
        return new Leg(Parley.as(agent).body("{}").post("/api/sessions/{id}/legs", sessionId).then().statusCode(200)
                .extract().jsonPath());
    }

    public String url(String channel) {
        return urls.get(channel);
    }

    /** A page of Parley's demo shop on the origin this leg's channels are reached at (what {@code self} allows). */
    public String shopPage(String path) {
        return url("page-push").replaceFirst("^ws", "http").replaceFirst("/ws/.*", "/demo/" + path);
    }

    /**
     * The same leg reached through another replica (or load balancer): every channel URL with the scheme, host
     * and port of {@code baseUrl} ({@code http://host:port}), the path and the token as issued. Call it before
     * {@link #connect()}: the answer is a new, unconnected leg.
     */
    public Leg at(String baseUrl) {
        URI base = URI.create(baseUrl);
        String origin = ("https".equals(base.getScheme()) ? "wss" : "ws") + "://" + base.getRawAuthority();
        Map<String, String> moved = new LinkedHashMap<>();
        urls.forEach((channel, url) -> moved.put(channel, origin + URI.create(url).getRawPath()));
        return new Leg(sessionId, legId, token, moved);
    }

    /** Opens control and chat and reports both connected in a leg message. */
    public Leg connect() {
        control = WsClient.connect(url("control"), token);
        control.await("welcome");
        chat = WsClient.connect(url("chat"), token);
        chat.await("ready");
        control.send(Map.of("type", "leg-state", "channels", Map.of("control", "connected", "chat", "connected")));
        return this;
    }

    public Leg say(String clientId, String text) {
        chat.send(Map.of("type", "message", "clientId", clientId, "text", text));
        return this;
    }

    @Override
    public void close() {
        if (control != null) {
            control.close();
        }
        if (chat != null) {
            chat.close();
        }
    }
}
