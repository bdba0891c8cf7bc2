package io.parley.transport;

import java.time.Instant;
import java.util.Map;

/**
 * What an endpoint needs to connect itself to a session: its leg, a token scoped to that leg, and one
 * WebSocket URL per channel ({@code control} always, plus the service's media channels). The token is
 * offered as the WebSocket subprotocol {@code parley.token.<token>} beside {@code subprotocol}, never
 * put in a URL.
 */
public record ConnectionDetails(String sessionId, String legId, String token, Instant expiresAt,
        Map<String, String> channels, String subprotocol) {

    public static final String SUBPROTOCOL = "parley.v1";
    public static final String TOKEN_SUBPROTOCOL_PREFIX = "parley.token.";

    public ConnectionDetails {
        channels = Map.copyOf(channels);
    }
}
