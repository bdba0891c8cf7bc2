package io.parley.api.ws;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.limits.TokenBucket;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * What one connection may do ({@link LimitsConfig}): frames of each kind within their rate, and no more than a
 * few open connections per leg and channel, or per agent on {@code /ws/endpoint}. A connection over a rate is
 * told ({@code rate-limited}) and closed with 1008; a leg (or an agent) that opens one connection too many loses
 * its oldest ({@code too-many-connections}, 1008), so that a page that reloads always gets its new connections.
 */
@ApplicationScoped
public class ConnectionLimits {

    /** What a frame counts against (one token bucket each, per connection). */
    public enum Limit {
        CHAT, TYPING, READ, HISTORY, PAGE_PUSH, VOICE, SIGNALS
    }

    /** The standard close code for a client that broke a rule (RFC 6455 §7.4.1). */
    static final int POLICY_VIOLATION = 1008;
    static final String RATE_LIMITED = "rate-limited";
    static final String TOO_MANY_CONNECTIONS = "too-many-connections";

    private static final Logger LOG = Logger.getLogger(ConnectionLimits.class);
    private static final UserData.TypedKey<Buckets> BUCKETS = new UserData.TypedKey<>("parley.limits");

    private final LimitsConfig config;
    private final Clock clock;
    private final Fanout fanout;

    public ConnectionLimits(LimitsConfig config, Clock clock, Fanout fanout) {
        this.config = config;
        this.clock = clock;
        this.fanout = fanout;
    }

    /**
     * Whether the connection may have one more frame of this kind. When not, the first time it is told
     * through {@code error} and closed; any frame still on its way is dropped.
     */
    boolean admit(WebSocketConnection connection, Limit limit, Consumer<ErrorFrame> error) {
        Buckets buckets = connection.userData().get(BUCKETS);
        if (buckets == null) {
            buckets = new Buckets();
            connection.userData().put(BUCKETS, buckets);
        }
        if (buckets.take(limit, clock.millis())) {
            return true;
        }
        if (buckets.trip()) {
            LOG.debugf("connection %s is over its %s rate; closing it", connection.id(), limit);
            error.accept(new ErrorFrame(RATE_LIMITED, "more " + wire(limit) + " frames than "
                    + rate(limit) + "; reconnect and slow down"));
            close(connection, RATE_LIMITED);
        }
        return false;
    }

    /**
     * A connection of a leg opened: when the leg now has more than its share on that channel here, the oldest
     * ones are closed.
     */
    void capLeg(Fanout.Socket opened) {
        int most = config.socketsPerLegChannel();
        closeOldest(opened.connection(), fanout.legSockets(opened.sessionId(), opened.legId(), opened.channel()),
                Fanout.Socket::connection, most, socket -> fanout.sendError(socket, new ErrorFrame(
                        TOO_MANY_CONNECTIONS, "a newer " + opened.channel().wire()
                                + " connection of this leg opened; at most " + most + " stay open")));
    }

    /**
     * An agent's standing channel ({@code /ws/endpoint}) opened: when the agent now has more than its share of
     * them here, the oldest are closed.
     */
    void capConsole(String agentId, WebSocketConnection opened) {
        int most = config.endpointSocketsPerAgent();
        closeOldest(opened, List.copyOf(fanout.consolesOf(agentId)), connection -> connection, most,
                connection -> fanout.sendEndpoint(connection, new ErrorFrame(TOO_MANY_CONNECTIONS,
                        "a newer console of this agent opened; at most " + most + " stay open")));
    }

    /**
     * Of the open connections {@code alike} (one owner's, {@code opened} among them), all but the newest
     * {@code most} are told why ({@code tell}) and closed, oldest first: the one that just opened always stays.
     */
    private static <S> void closeOldest(WebSocketConnection opened, Collection<S> alike,
            Function<S, WebSocketConnection> connectionOf, int most, Consumer<S> tell) {
        List<S> older = alike.stream()
                .filter(each -> !connectionOf.apply(each).id().equals(opened.id()))
                .filter(each -> connectionOf.apply(each).isOpen())
                .sorted(Comparator.comparing(each -> connectionOf.apply(each).creationTime()))
                .toList();
        int excess = Math.clamp(older.size() + 1L - most, 0, older.size());
        for (S each : older.subList(0, excess)) {
            tell.accept(each);
            close(connectionOf.apply(each), TOO_MANY_CONNECTIONS);
        }
    }

    private static void close(WebSocketConnection connection, String code) {
        connection.close(new CloseReason(POLICY_VIOLATION, code)).subscribe().with(done -> {},
                failure -> LOG.debugf("close of %s failed: %s", connection.id(), failure.getMessage()));
    }

    private TokenBucket.Rate rate(Limit limit) {
        return switch (limit) {
            case CHAT -> config.chat();
            case TYPING -> config.typing();
            case READ -> config.read();
            case HISTORY -> config.history();
            case PAGE_PUSH -> config.pagePush();
            case VOICE -> config.voice();
            case SIGNALS -> config.signals();
        };
    }

    private static String wire(Limit limit) {
        return limit.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One connection's buckets, made as its frames first need them. */
    private final class Buckets {

        private final Map<Limit, TokenBucket> byLimit = new EnumMap<>(Limit.class);
        private boolean tripped;

        synchronized boolean take(Limit limit, long nowMillis) {
            return !tripped && byLimit.computeIfAbsent(limit, l -> new TokenBucket(rate(l), nowMillis)).take(nowMillis);
        }

        /** True only the first time: the connection is told once. */
        synchronized boolean trip() {
            boolean first = !tripped;
            tripped = true;
            return first;
        }
    }
}
