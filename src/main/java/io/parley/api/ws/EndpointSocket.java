package io.parley.api.ws;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ShortText;
import io.parley.system.Outcome;
import io.parley.system.agents.AgentDesk;
import io.parley.system.change.Change;
import io.parley.system.change.ServiceSystem;
import io.parley.system.offers.OfferReads;
import io.parley.transport.EndpointGrant;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * A signed-in agent's standing channel: invitations arrive here with the connection
 * details of the session, so a running console joins by connecting; the agent may decline.
 */
@WebSocket(path = "/ws/endpoint")
public class EndpointSocket {

    private final Fanout fanout;
    private final Channels channels;
    private final ServiceSystem system;
    private final OfferReads offers;
    private final AgentDesk desk;
    private final SocketTokens socketTokens;
    private final ConnectionLimits limits;

    public EndpointSocket(Fanout fanout, Channels channels, ServiceSystem system, OfferReads offers, AgentDesk desk,
            SocketTokens socketTokens, ConnectionLimits limits) {
        this.socketTokens = socketTokens;
        this.limits = limits;
        this.desk = desk;
        this.fanout = fanout;
        this.channels = channels;
        this.system = system;
        this.offers = offers;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        if (channels.draining()) {
            return connection.close(CloseCodes.LEAVING);
        }
        Optional<EndpointGrant> grant = socketTokens.acceptConsole(connection);
        if (grant.isEmpty()) {
            return connection.close(new CloseReason(Channels.LEG_NOT_ACTIVE, "an agent's endpoint token is needed"));
        }
        String agentId = grant.get().endpoint().id();
        fanout.registerConsole(agentId, connection);
        if (socketTokens.revoked(connection)) {
            // Revoked between the upgrade and now: the revocation found no console here to close.
            return connection.close(new CloseReason(CloseCodes.SIGNED_OUT, "token revoked"));
        }
        limits.capConsole(agentId, connection);
        // A console that (re)connects learns who it is, its state and the offers waiting for its answer,
        // in that order.
        return desk.find(agentId)
                .flatMap(found -> fanout.writeEndpoint(connection,
                        new EndpointMessages.Out.Hello(grant.get().endpoint().toString(),
                                socketTokens.consoleDeadline(connection)))
                        .replaceWith(found))
                .flatMap(found -> found.map(status -> fanout.writeEndpoint(connection,
                        new EndpointMessages.Out.AgentState(status.state().wire(), "signed in", Instant.now())))
                        .orElseGet(() -> Uni.createFrom().voidItem()))
                .flatMap(ignored -> offers.offersFor(agentId))
                .flatMap(offers -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (var offer : offers) {
                        chain = chain.flatMap(done -> fanout.writeEndpoint(connection, fanout.offerOf(offer)));
                    }
                    return chain;
                })
                .replaceWithVoid();
    }

    @OnTextMessage
    public Uni<Void> message(WebSocketConnection connection, String frame) {
        Optional<EndpointGrant> grant = socketTokens.agentOf(connection);
        if (grant.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return channels.read(connection, frame, EndpointMessages.In.class, message -> ConnectionLimits.Limit.SIGNALS,
                error -> fanout.sendEndpoint(connection, error))
                .map(message -> switch (message) {
                    case EndpointMessages.In.Decline decline -> decline(connection, grant.get(), decline);
                    case EndpointMessages.In.AcceptOffer accept -> answer(connection, accept.offerId(),
                            id -> system.acceptOffer(Requester.as(grant.get().endpoint()), id,
                                    channels.publicUrl()));
                    case EndpointMessages.In.DeclineOffer decline -> declineOffer(connection, grant.get(), decline);
                    case EndpointMessages.In.Renew renew -> renew(connection, renew);
                })
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        socketTokens.agentOf(connection)
                .ifPresent(grant -> fanout.unregisterConsole(grant.endpoint().id(), connection));
    }

    private Uni<Void> renew(WebSocketConnection connection, EndpointMessages.In.Renew renew) {
        Optional<Instant> until = socketTokens.renewConsole(connection, renew.token());
        return fanout.writeEndpoint(connection, until.<EndpointMessages.Out>map(EndpointMessages.Out.Renewed::new)
                .orElseGet(() -> new ErrorFrame("token-invalid",
                        "renew with a fresh endpoint token of this agent (POST /api/tokens/endpoint)")));
    }

    /** Accepts or declines an offer; a refusal comes back as an error frame naming the offer. */
    private Uni<Void> declineOffer(WebSocketConnection connection, EndpointGrant grant,
            EndpointMessages.In.DeclineOffer decline) {
        String reason;
        try {
            reason = ShortText.of(decline.reason(), "reason", Request.DeclineOffer.REASON_LIMIT);
        } catch (IllegalArgumentException e) {
            fanout.sendEndpoint(connection, new ErrorFrame("invalid-request", e.getMessage(), decline.offerId()));
            return Uni.createFrom().voidItem();
        }
        return answer(connection, decline.offerId(),
                id -> system.declineOffer(Requester.as(grant.endpoint()), id, reason, channels.publicUrl()));
    }

    private Uni<Void> answer(WebSocketConnection connection, String offerId,
            Function<UUID, Uni<Outcome<Change>>> answer) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(offerId));
        } catch (IllegalArgumentException e) {
            fanout.sendEndpoint(connection, new ErrorFrame("offer-not-found", "no offer " + offerId,
                    String.valueOf(offerId)));
            return Uni.createFrom().voidItem();
        }
        return answer.apply(id).invoke(outcome -> {
            if (outcome instanceof Outcome.Refused<?> refused) {
                fanout.sendEndpoint(connection, new ErrorFrame(refused.refusal().code().wire(),
                        refused.refusal().detail(), id.toString()));
            }
        }).replaceWithVoid();
    }

    private Uni<Void> decline(WebSocketConnection connection, EndpointGrant grant,
            EndpointMessages.In.Decline decline) {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(String.valueOf(decline.sessionId()));
        } catch (IllegalArgumentException e) {
            fanout.sendEndpoint(connection, new ErrorFrame("session-not-found", "no session " + decline.sessionId()));
            return Uni.createFrom().voidItem();
        }
        return system.request(sessionId, new Request.RemoveLeg(Requester.as(grant.endpoint()),
                String.valueOf(decline.legId())), channels.publicUrl()).invoke(outcome -> {
                    if (outcome instanceof Outcome.Refused<?> refused) {
                        fanout.sendEndpoint(connection, new ErrorFrame(refused.refusal().code().wire(),
                                refused.refusal().detail()));
                    }
                }).replaceWithVoid();
    }
}
