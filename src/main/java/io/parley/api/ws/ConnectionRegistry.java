package io.parley.api.ws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.Channel;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Which WebSocket connections are open on this replica and whose they are: each session channel's connection by its
 * session, leg and channel, and each console's standing channel by its agent.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private final ConnectionSets<String, LegSocket> bySession = new ConnectionSets<>();
    private final Map<String, LegSocket> byConnection = new ConcurrentHashMap<>();
    private final ConnectionSets<String, WebSocketConnection> consoles = new ConnectionSets<>();

    void register(LegSocket socket) {
        bySession.add(socket.sessionId(), socket);
        byConnection.put(socket.connection().id(), socket);
    }

    /** Forgets the connection; returns its socket, or null when it was never registered. */
    LegSocket unregister(WebSocketConnection connection) {
        LegSocket socket = byConnection.remove(connection.id());
        if (socket != null) {
            bySession.remove(socket.sessionId(), socket);
        }
        return socket;
    }

    LegSocket socketOf(WebSocketConnection connection) {
        return byConnection.get(connection.id());
    }

    void registerConsole(String agentId, WebSocketConnection connection) {
        consoles.add(agentId, connection);
    }

    void unregisterConsole(String agentId, WebSocketConnection connection) {
        consoles.remove(agentId, connection);
    }

    /** Whether any connection of the session is here. */
    boolean holdsSession(String sessionId) {
        return bySession.holds(sessionId);
    }

    /** Whether a console of the agent is connected here. */
    boolean holdsConsole(String agentId) {
        return consoles.holds(agentId);
    }

    /** The sessions with a connection here. */
    Set<String> sessions() {
        return bySession.keys();
    }

    /** The agents with a console connected here. */
    Set<String> consoles() {
        return consoles.keys();
    }

    /** The agent's consoles' standing channels connected here, open or closing (a copy). */
    Set<WebSocketConnection> consolesOf(String agentId) {
        return Set.copyOf(consoles.of(agentId));
    }

    /** Hands each of the agent's consoles' standing channels connected here to {@code action}. */
    void forEachConsoleOf(String agentId, Consumer<WebSocketConnection> action) {
        consoles.of(agentId).forEach(action);
    }

    /** The session's connections here on the channel, or on every channel when it is null (a copy). */
    Set<LegSocket> sockets(String sessionId, Channel channel) {
        Set<LegSocket> all = bySession.of(sessionId);
        if (channel == null) {
            return Set.copyOf(all);
        }
        return all.stream().filter(socket -> socket.channel() == channel)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The connections of the channel in the session, of the legs other than {@code fromLegId}. */
    List<LegSocket> others(String sessionId, String fromLegId, Channel channel) {
        return sockets(sessionId, channel).stream().filter(socket -> !socket.legId().equals(fromLegId)).toList();
    }

    /** The leg's connections here on the channel, open or closing. */
    List<LegSocket> legSockets(String sessionId, String legId, Channel channel) {
        return bySession.of(sessionId).stream().filter(socket -> socket.legId().equals(legId)
                && socket.channel() == channel).toList();
    }

    /** Whether a connection of the leg on the channel is open here. */
    boolean hasChannel(String sessionId, String legId, Channel channel) {
        return bySession.of(sessionId).stream().anyMatch(socket -> socket.legId().equals(legId)
                && socket.channel() == channel && socket.connection().isOpen());
    }

    /** Every session channel's connection here, open or closing. */
    List<WebSocketConnection> sessionConnections() {
        return byConnection.values().stream().map(LegSocket::connection).toList();
    }

    /** Every console's standing channel here, open or closing. */
    List<WebSocketConnection> consoleConnections() {
        return consoles.all().toList();
    }
}
