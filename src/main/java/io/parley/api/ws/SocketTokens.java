package io.parley.api.ws;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.api.security.LegTokens;
import io.parley.system.ConnectionIssuer;
import io.parley.system.ServiceSystem;
import io.parley.system.SystemConfig;
import io.parley.transport.ConnectionDetails;
import io.parley.transport.EndpointGrant;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * A socket's token over the socket's life: the grant a console's standing channel was opened with (kept, not
 * verified again on every frame), until when each socket may stay open ({@link TokenDeadlines}), and the
 * in-band renewals that move that deadline: a leg on its control channel, a console with a fresh endpoint
 * token of its own agent.
 */
@ApplicationScoped
public class SocketTokens {

    /** The grant of an accepted {@code /ws/endpoint} connection, kept from its upgrade. */
    private static final UserData.TypedKey<EndpointGrant> AGENT = new UserData.TypedKey<>("parley.agent");

    private final LegTokens legTokens;
    private final TokenDeadlines deadlines;
    private final ServiceSystem system;
    private final ConnectionIssuer issuer;
    private final Fanout fanout;
    private final SystemConfig config;

    public SocketTokens(LegTokens legTokens, TokenDeadlines deadlines, ServiceSystem system, ConnectionIssuer issuer,
            Fanout fanout, SystemConfig config) {
        this.legTokens = legTokens;
        this.deadlines = deadlines;
        this.system = system;
        this.issuer = issuer;
        this.fanout = fanout;
        this.config = config;
    }

    /** A channel of the leg opened with a token that expires at {@code expiresAt}. */
    void watchLeg(String legId, WebSocketConnection connection, Instant expiresAt) {
        deadlines.watch(TokenDeadlines.leg(legId), connection, expiresAt);
    }

    /**
     * Accepts a {@code /ws/endpoint} connection for the agent its token names, open until the token expires
     * unless renewed; empty (and nothing kept) when the token names no agent.
     */
    public Optional<EndpointGrant> acceptConsole(WebSocketConnection connection) {
        Optional<EndpointGrant> grant = legTokens.endpointGrantFrom(connection.handshakeRequest())
                .filter(g -> g.endpoint().isCsr());
        grant.ifPresent(g -> {
            connection.userData().put(AGENT, g);
            deadlines.watch(TokenDeadlines.console(connection), connection, g.expiresAt());
        });
        return grant;
    }

    /** The agent an accepted {@code /ws/endpoint} connection belongs to. */
    public Optional<EndpointGrant> agentOf(WebSocketConnection connection) {
        return Optional.ofNullable(connection.userData().get(AGENT));
    }

    /** Until when the leg's channels stay open unless it renews its token. */
    public Instant legDeadline(String legId) {
        return deadlines.deadline(TokenDeadlines.leg(legId));
    }

    /**
     * A leg renews its token on its control channel: while the leg is in an open session it gets a fresh
     * token, and all of its channels here stay open until that one expires.
     */
    public Uni<Void> renewLeg(WebSocketConnection connection, Fanout.Socket socket) {
        return system.activeLeg(UUID.fromString(socket.sessionId()), socket.legId()).map(active -> {
            if (active.isEmpty()) {
                fanout.sendControl(connection, new ErrorFrame("leg-not-active", "the leg is not in an open session"));
                return null;
            }
            ConnectionDetails details = issuer.details(config.publicUrl(), active.get().session(), active.get().leg());
            deadlines.renewed(TokenDeadlines.leg(socket.legId()), details.expiresAt());
            fanout.sendControl(connection, new ControlMessage.Out.Renewed(details.token(), details.expiresAt()));
            return null;
        }).replaceWithVoid();
    }

    /**
     * A console renews with a fresh endpoint token of its own agent (which only signing in gives): this
     * socket stays open until that one expires. A token of another kind, another agent's or an expired one
     * is refused and changes nothing.
     */
    public Optional<Instant> renewConsole(WebSocketConnection connection, String token) {
        return legTokens.endpointGrant(token)
                .filter(fresh -> agentOf(connection).filter(current -> current.endpoint().equals(fresh.endpoint()))
                        .isPresent())
                .map(fresh -> {
                    deadlines.renewed(TokenDeadlines.console(connection), fresh.expiresAt());
                    return fresh.expiresAt();
                });
    }

    /** Until when a console's standing channel stays open unless renewed. */
    public Instant consoleDeadline(WebSocketConnection connection) {
        return deadlines.deadline(TokenDeadlines.console(connection));
    }

}
