package io.parley.support;

import static io.parley.support.Parley.as;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** An agent's console as a test drives it: its standing endpoint channel, where offers and invitations arrive. */
public final class Console implements AutoCloseable {

    public final String agent;
    public final WsClient endpoint;

    private Console(String agent, WsClient endpoint) {
        this.agent = agent;
        this.endpoint = endpoint;
    }

    /** Signs the agent in (an endpoint token over REST) and opens its endpoint channel. */
    public static Console open(String agent) {
        return open(as(agent), agent);
    }

    /**
     * As {@link #open(String)}, at the Parley reached at {@code baseUrl} ({@code http://host:port}): the token is
     * asked for there, and the endpoint channel opened at the URL it answers (on the same host).
     */
    public static Console open(String baseUrl, String agent) {
        return open(as(agent).baseUri(baseUrl), agent);
    }

    /**
     * The agent's console as the browser's is: its endpoint token traded for {@code consoleToken}, so signing that
     * console out ({@code DELETE /api/tokens/console}) closes it.
     */
    public static Console signedIn(String agent, String consoleToken) {
        return open(RestAssured.given().auth().oauth2(consoleToken), agent);
    }

    private static Console open(RequestSpecification request, String agent) {
        JsonPath token = request.post("/api/tokens/endpoint").then().statusCode(200).extract().jsonPath();
        WsClient endpoint = WsClient.connect(token.getString("url"), token.getString("token"));
        endpoint.await("hello");
        return new Console(agent, endpoint);
    }

    /** The next offer of this session. */
    public JsonNode offer(String sessionId) {
        return endpoint.await("offer", offer -> sessionId.equals(offer.at("/session/id").asText()));
    }

    public Console accept(JsonNode offer) {
        endpoint.send(Map.of("type", "accept-offer", "offerId", offer.path("offerId").asText()));
        return this;
    }

    public Console decline(JsonNode offer) {
        endpoint.send(Map.of("type", "decline-offer", "offerId", offer.path("offerId").asText()));
        return this;
    }

    /** Waits for the invitation into the session and joins it by connecting, as a console does. */
    public Leg join(String sessionId) {
        return invitation(sessionId).connect();
    }

    /** Waits for the invitation into the session; answers its leg with the connection details, not connected. */
    public Leg invitation(String sessionId) {
        JsonNode invitation = endpoint.await("invitation", i -> sessionId.equals(i.at("/session/id").asText()));
        Map<String, String> channels = new LinkedHashMap<>();
        invitation.path("connection").path("channels").properties()
                .forEach(entry -> channels.put(entry.getKey(), entry.getValue().asText()));
        return new Leg(sessionId, invitation.path("legId").asText(), invitation.at("/connection/token").asText(),
                channels);
    }

    /** The next state the console is told of. */
    public JsonNode state(String state) {
        return endpoint.await("agent-state", frame -> state.equals(frame.path("state").asText()));
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
