package io.parley.api.security;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from, as the limits count it: the connection's, or the client a trusted proxy names
 * when proxy address forwarding is on (Vert.x sets it); {@code unknown} when the connection has none.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
