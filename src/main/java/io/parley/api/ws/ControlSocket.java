package io.parley.api.ws;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.parley.session.Channel;
import io.parley.session.ChannelState;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ServiceSession;
import io.parley.system.Outcome;
import io.parley.system.change.ServiceSystem;
import io.parley.system.deadlines.LegLiveness;
import io.parley.system.reads.SessionReads;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The leg-control channel: the endpoint reports its channel states (leg messages); it receives the
 * roster, transfer and conference progress, and the end of the session.
 */
@WebSocket(path = "/ws/sessions/{sessionId}/legs/{legId}/control")
public class ControlSocket {

    private static final Logger LOG = Logger.getLogger(ControlSocket.class);

    private final Channels channels;
    private final Fanout fanout;
    private final ServiceSystem system;
    private final SessionReads reads;
    private final SocketTokens socketTokens;
    private final LegLiveness liveness;

    public ControlSocket(Channels channels, Fanout fanout, ServiceSystem system, SessionReads reads,
            SocketTokens socketTokens, LegLiveness liveness) {
        this.liveness = liveness;
        this.socketTokens = socketTokens;
        this.reads = reads;
        this.channels = channels;
        this.fanout = fanout;
        this.system = system;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return channels.open(connection, Channel.CONTROL).flatMap(socket -> {
            if (socket.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            LegSocket s = socket.get();
            fanout.sendControl(connection, new ControlMessage.Out.Welcome(s.sessionId(), s.legId(),
                    socketTokens.legDeadline(s.legId())));
            return reads.find(Requester.as(s.endpoint()), UUID.fromString(s.sessionId())).invoke(found -> {
                if (found instanceof Outcome.Done<ServiceSession> done) {
                    fanout.sendRoster(s, done.value());
                    fanout.sendQueueStatus(s, done.value());
                }
            }).replaceWithVoid();
        });
    }

    @OnTextMessage
    public Uni<Void> message(WebSocketConnection connection, String frame) {
        LegSocket socket = fanout.socketOf(connection);
        if (socket == null) {
            return Uni.createFrom().voidItem();
        }
        return channels.read(connection, frame, ControlMessage.In.class, message -> ConnectionLimits.Limit.SIGNALS,
                error -> fanout.sendControl(connection, error))
                .map(message -> switch (message) {
                    case ControlMessage.In.LegState state -> report(connection, socket, state);
                    case ControlMessage.In.Leave leave -> system.request(UUID.fromString(socket.sessionId()),
                            new Request.RemoveLeg(Requester.as(socket.endpoint()), socket.legId()),
                            channels.publicUrl()).invoke(outcome -> refusalToError(connection, outcome));
                    case ControlMessage.In.Renew renew -> socketTokens.renewLeg(connection, socket);
                })
                .map(Uni::replaceWithVoid)
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        LegSocket socket = fanout.unregister(connection);
        if (socket == null) {
            return Uni.createFrom().voidItem();
        }
        if (fanout.hasControl(socket.sessionId(), socket.legId())) {
            // Another control connection of the leg is open here (a reloaded page opened it before this one
            // closed, or the cap on sockets per leg closed this older one): the leg is still connected. Only the
            // last one to go reports the channel disconnected.
            return Uni.createFrom().voidItem();
        }
        // The server saw the control channel go; the endpoint may come back with a new connection within
        // the reconnect grace, or its leg fails.
        UUID sessionId = UUID.fromString(socket.sessionId());
        liveness.controlClosed(sessionId, socket.legId());
        return system.report(UUID.fromString(socket.sessionId()), socket.legId(),
                Map.of(Channel.CONTROL, ChannelState.DISCONNECTED), channels.publicUrl()).replaceWithVoid()
                // A close during shutdown finds the database gone; the leg's state is then simply not updated.
                .onFailure().invoke(failure -> LOG.debugf("could not record control close of leg %s: %s",
                        socket.legId(), failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<?> report(WebSocketConnection connection, LegSocket socket, ControlMessage.In.LegState state) {
        Map<Channel, ChannelState> reported = new EnumMap<>(Channel.class);
        if (state.channels() == null || state.channels().isEmpty()) {
            fanout.sendControl(connection, new ErrorFrame("invalid-request", "channels: at least one channel state"));
            return Uni.createFrom().voidItem();
        }
        try {
            state.channels().forEach((channel, value) -> reported.put(Channel.fromWire(channel),
                    ChannelState.fromWire(value)));
        } catch (IllegalArgumentException e) {
            fanout.sendControl(connection, new ErrorFrame("invalid-request", e.getMessage()));
            return Uni.createFrom().voidItem();
        }
        return system.report(UUID.fromString(socket.sessionId()), socket.legId(), reported, channels.publicUrl())
                .invoke(outcome -> refusalToError(connection, outcome));
    }

    private void refusalToError(WebSocketConnection connection, Outcome<?> outcome) {
        if (outcome instanceof Outcome.Refused<?> refused) {
            fanout.sendControl(connection, new ErrorFrame(refused.refusal().code().wire(), refused.refusal().detail()));
        }
    }
}
