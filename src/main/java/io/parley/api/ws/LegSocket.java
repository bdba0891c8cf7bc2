package io.parley.api.ws;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;
import io.quarkus.websockets.next.WebSocketConnection;

/** One open channel connection of one leg: whose it is, which channel, and the connection itself. */
public record LegSocket(String sessionId, String serviceId, String legId, EndpointRef endpoint, Channel channel,
        WebSocketConnection connection) {

    boolean staff() {
        return endpoint.isStaff();
    }
}
