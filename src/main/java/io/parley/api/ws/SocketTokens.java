package io.parley.api.ws;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.parley.api.security.LegTokens;
import io.parley.session.EndpointRef;
import io.parley.system.SystemConfig;
import io.parley.system.change.ConnectionIssuer;
import io.parley.system.change.ServiceSystem;
import io.parley.system.revocations.Revoked;
import io.parley.transport.ConnectionDetails;
import io.parley.transport.EndpointGrant;
import io.parley.transport.RevocationList;
import io.quarkus.websockets.next.CloseReason;
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

    private static final Logger LOG = Logger.getLogger(SocketTokens.class);

    /** The grant of an accepted {@code /ws/endpoint} connection, kept from its upgrade. */
    private static final UserData.TypedKey<EndpointGrant> AGENT = new UserData.TypedKey<>("parley.agent");

    private final LegTokens legTokens;
    private final TokenDeadlines deadlines;
    private final ServiceSystem system;
    private final ConnectionIssuer issuer;
    private final Fanout fanout;
    private final SystemConfig config;
    private final RevocationList revocations;

    public SocketTokens(LegTokens legTokens, TokenDeadlines deadlines, ServiceSystem system, ConnectionIssuer issuer,
            Fanout fanout, SystemConfig config, RevocationList revocations) {
        this.revocations = revocations;
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

    /** Whether the token an accepted {@code /ws/endpoint} connection holds has been revoked. */
    public boolean revoked(WebSocketConnection connection) {
        return agentOf(connection).filter(revocations::refuses).isPresent();
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
    public Uni<Void> renewLeg(WebSocketConnection connection, LegSocket socket) {
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
     * socket stays open until that one expires, and holds that one now. A token of another kind, another agent's,
     * an expired or a revoked one is refused and changes nothing.
     */
    public Optional<Instant> renewConsole(WebSocketConnection connection, String token) {
        return legTokens.endpointGrant(token)
                .filter(fresh -> agentOf(connection).filter(current -> current.endpoint().equals(fresh.endpoint()))
                        .isPresent())
                .map(fresh -> {
                    connection.userData().put(AGENT, fresh);
                    deadlines.renewed(TokenDeadlines.console(connection), fresh.expiresAt());
                    return fresh.expiresAt();
                });
    }

    /**
     * Tokens were revoked (here or on another replica): the agent's consoles here whose token is refused now
     * close with {@value CloseCodes#SIGNED_OUT}, saying why; they do not reconnect by themselves.
     */
    void on(@Observes Revoked revoked) {
        EndpointRef endpoint = revoked.revocation().endpoint();
        if (!endpoint.isCsr()) {
            return;
        }
        CloseReason reason = new CloseReason(CloseCodes.SIGNED_OUT, closeReason(revoked.reason()));
        for (WebSocketConnection connection : fanout.consolesOf(endpoint.id())) {
            if (revoked(connection) && connection.isOpen()) {
                // No longer the agent's console from now on, though its close is still under way.
                fanout.unregisterConsole(endpoint.id(), connection);
                connection.close(reason).subscribe().with(done -> {}, failure -> LOG.debug("close failed", failure));
            }
        }
    }

    /** A close frame's reason is at most 123 bytes of UTF-8. */
    static String closeReason(String reason) {
        String text = reason == null ? "signed out" : reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > 123) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** Until when a console's standing channel stays open unless renewed. */
    public Instant consoleDeadline(WebSocketConnection connection) {
        return deadlines.deadline(TokenDeadlines.console(connection));
    }

}
