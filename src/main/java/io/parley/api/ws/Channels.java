package io.parley.api.ws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.parley.api.security.LegTokens;
import io.parley.session.Channel;
import io.parley.system.Drain;
import io.parley.system.SystemConfig;
import io.parley.system.change.ServiceSystem;
import io.parley.transport.LegGrant;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * What every session channel does alike: accept a connection only for an active leg that its token
 * names (closing the leg's oldest connection on the channel when it has too many), and read a frame into a
 * message or answer with an error frame (the connection stays open), within the connection's rates
 * ({@link ConnectionLimits}).
 */
@ApplicationScoped
public class Channels {

    /** The largest frame any session channel accepts before answering {@code frame-too-large}. */
    public static final int MAX_FRAME = 16 * 1024;
    /** Close code for a connection whose leg is not (or no longer) in the session. */
    static final int LEG_NOT_ACTIVE = 4004;

    private final ServiceSystem system;
    private final Fanout fanout;
    private final ObjectMapper json;
    private final LegTokens legTokens;
    private final SystemConfig config;

    private final Drain drain;
    private final SocketTokens socketTokens;
    private final ConnectionLimits limits;

    public Channels(ServiceSystem system, Fanout fanout, ObjectMapper json, LegTokens legTokens, Drain drain,
            SystemConfig config, SocketTokens socketTokens, ConnectionLimits limits) {
        this.socketTokens = socketTokens;
        this.config = config;
        this.limits = limits;
        this.drain = drain;
        this.system = system;
        this.fanout = fanout;
        this.json = json;
        this.legTokens = legTokens;
    }

    /**
     * Registers the connection as {@code channel} of the leg its token names. The upgrade check has
     * verified the token against the path; this checks the grant again against the route's own session,
     * leg and channel, and adds that the leg is still in an open session.
     */
    public Uni<Optional<LegSocket>> open(WebSocketConnection connection, Channel channel) {
        return open(connection, channel, socket -> {});
    }

    /**
     * As {@link #open(WebSocketConnection, Channel)}, telling the new connection what it missed ({@code catchUp})
     * after it is registered (so nothing relayed from then on is lost) and before its {@code ready}: a client that
     * has its {@code ready} has been told where the session stands.
     */
    public Uni<Optional<LegSocket>> open(WebSocketConnection connection, Channel channel,
            Consumer<LegSocket> catchUp) {
        if (drain.draining()) {
            // A client reconnecting to a replica that is stopping is sent on at once, as the others were.
            return connection.close(CloseCodes.RESTARTING).replaceWith(Optional.empty());
        }
        Optional<LegGrant> grant = legTokens.grantFrom(connection.handshakeRequest());
        String sessionId = connection.pathParam("sessionId");
        String legId = connection.pathParam("legId");
        if (grant.isEmpty() || !grant.get().sessionId().equals(sessionId) || !grant.get().legId().equals(legId)
                || !grant.get().channels().contains(channel)) {
            return closed(connection, "token does not open this leg");
        }
        return system.activeLeg(UUID.fromString(sessionId), legId).flatMap(active -> {
            if (active.isEmpty()) {
                return closed(connection, "the leg is not in an open session");
            }
            LegSocket socket = new LegSocket(sessionId, active.get().session().serviceId(), legId,
                    active.get().leg().endpoint(), channel, connection);
            socketTokens.watchLeg(legId, connection, grant.get().expiresAt());
            fanout.register(socket);
            limits.capLeg(socket);
            fanout.noteMedia(active.get().session());
            catchUp.accept(socket);
            fanout.sendReady(socket);
            return Uni.createFrom().item(Optional.of(socket));
        });
    }

    /**
     * Reads a frame as a message of {@code type} and counts it against the connection's rate for its kind
     * ({@code limit}; a frame that cannot be read counts as a signal). On bad input sends an error frame
     * through {@code error} and answers empty; over a rate, the connection is closed and the answer is empty, and
     * so is it, unread, for every frame after that.
     */
    public <T> Optional<T> read(WebSocketConnection connection, String frame, Class<T> type,
            Function<? super T, ConnectionLimits.Limit> limit, Consumer<ErrorFrame> error) {
        if (limits.tripped(connection)) {
            return Optional.empty();
        }
        List<ErrorFrame> refused = new ArrayList<>(1);
        Optional<T> message = parse(frame, type, refused::add);
        if (message.isEmpty()) {
            if (admit(connection, ConnectionLimits.Limit.SIGNALS, error)) {
                refused.forEach(error);
            }
            return Optional.empty();
        }
        return admit(connection, limit.apply(message.get()), error) ? message : Optional.empty();
    }

    /** Whether the connection may have one more frame of this kind (when not, it is told and closed). */
    public boolean admit(WebSocketConnection connection, ConnectionLimits.Limit limit, Consumer<ErrorFrame> error) {
        return limits.admit(connection, limit, error);
    }

    private <T> Optional<T> parse(String frame, Class<T> type, Consumer<ErrorFrame> error) {
        if (frame.length() > MAX_FRAME) {
            error.accept(new ErrorFrame("frame-too-large", "frames are at most " + MAX_FRAME + " characters"));
            return Optional.empty();
        }
        try {
            T message = json.readValue(frame, type);
            if (message == null) {
                error.accept(new ErrorFrame("malformed-json", "a frame is a JSON object with a type"));
                return Optional.empty();
            }
            return Optional.of(message);
        } catch (InvalidTypeIdException e) {
            error.accept(new ErrorFrame("unknown-message-type", "unknown or missing type: " + e.getTypeId()));
        } catch (StreamConstraintsException e) {
            error.accept(new ErrorFrame("json-too-large", e.getOriginalMessage()));
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(ref -> String.valueOf(ref.getFieldName()))
                    .reduce((a, b) -> a + "." + b).orElse("frame");
            error.accept(new ErrorFrame("invalid-field-type", field + ": wrong type"));
        } catch (JsonProcessingException e) {
            error.accept(new ErrorFrame("malformed-json", e.getOriginalMessage()));
        }
        return Optional.empty();
    }

    /**
     * Where endpoints reach this service ({@code parley.system.public-url}), for connection details and the
     * {@code self} origin of page push: configured, never taken from a request's Host header.
     */
    public URI publicUrl() {
        return config.publicUrl();
    }

    /** Whether this replica is stopping: new connections are sent elsewhere. */
    boolean draining() {
        return drain.draining();
    }

    private static Uni<Optional<LegSocket>> closed(WebSocketConnection connection, String reason) {
        return connection.close(new CloseReason(LEG_NOT_ACTIVE, reason)).replaceWith(Optional.empty());
    }
}
