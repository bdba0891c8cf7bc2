package io.parley.api.ws;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.limits.TokenBucket;
import io.parley.session.Channel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * What one connection may do ({@link LimitsConfig}): frames of each kind within their rate, and no more than a
 * few open connections per leg and channel, or per agent on {@code /ws/endpoint}. A connection over a rate is
 * told ({@code rate-limited}) and closed with 1008; a leg (or an agent) that opens one connection too many loses
 * its oldest ({@code too-many-connections}, 1008), so that a page that reloads always gets its new connections.
 * A connection closed for its rate leaves its buckets to its leg's next connection on that channel, which starts
 * where it left off: reconnecting does not buy a new burst (a flooder that reconnected at once was otherwise let
 * through a burst per connection, far past its rate).
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
    /** Legs' channels remembered as closed for their rate; beyond, the least recent is forgotten. */
    private static final int MAX_REMEMBERED = 10_000;

    private final LimitsConfig config;
    private final Clock clock;
    private final Fanout fanout;
    /** The buckets of connections closed for their rate, by leg and channel, for the leg's next connection. */
    private final Map<String, Buckets> closedForRate = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Buckets> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

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
            Buckets left;
            synchronized (closedForRate) {
                left = closedForRate.remove(legChannel(connection));
            }
            buckets = left == null ? new Buckets() : left.takenOver();
            connection.userData().put(BUCKETS, buckets);
        }
        if (buckets.take(limit, clock.millis())) {
            return true;
        }
        if (buckets.trip()) {
            synchronized (closedForRate) {
                closedForRate.put(legChannel(connection), buckets);
            }
            LOG.debugf("connection %s is over its %s rate; closing it", connection.id(), limit);
            error.accept(new ErrorFrame(RATE_LIMITED, "more " + wire(limit) + " frames than "
                    + rate(limit) + "; reconnect and slow down"));
            close(connection, RATE_LIMITED);
            ReadPause.stopReading(connection);
        }
        return false;
    }

    /**
     * Whether the connection is already over a rate and being closed: its frames still on their way are dropped
     * unread (a flooder's can be thousands between the refusal and the close).
     */
    boolean tripped(WebSocketConnection connection) {
        Buckets buckets = connection.userData().get(BUCKETS);
        return buckets != null && buckets.tripped();
    }

    /**
     * How long until a leg's channel whose last connection was closed for its rate may send again: a connection
     * opened before then would be refused at its first frame, so its upgrade is refused instead
     * ({@link ReconnectGate}). Zero when it may reconnect now.
     */
    Duration untilReconnect(String legId, Channel channel) {
        Buckets buckets;
        synchronized (closedForRate) {
            buckets = closedForRate.get(legId + "/" + channel.wire());
        }
        return buckets == null ? Duration.ZERO : buckets.untilAllHaveOne(clock.millis());
    }

    /** Its leg and channel, or (a console's {@code /ws/endpoint}) the connection itself. */
    private String legChannel(WebSocketConnection connection) {
        LegSocket socket = fanout.socketOf(connection);
        return socket == null ? connection.id() : socket.legId() + "/" + socket.channel().wire();
    }

    /**
     * A connection of a leg opened: when the leg now has more than its share on that channel here, the oldest
     * ones are closed.
     */
    void capLeg(LegSocket opened) {
        int most = config.socketsPerLegChannel();
        closeOldest(opened.connection(), fanout.legSockets(opened.sessionId(), opened.legId(), opened.channel()),
                LegSocket::connection, most, socket -> fanout.sendError(socket, new ErrorFrame(
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

        private final Map<Limit, TokenBucket> byLimit;
        private boolean tripped;

        Buckets() {
            this(new EnumMap<>(Limit.class));
        }

        private Buckets(Map<Limit, TokenBucket> byLimit) {
            this.byLimit = byLimit;
        }

        /** The same buckets for the leg's next connection (this one stays closed). */
        synchronized Buckets takenOver() {
            return new Buckets(new EnumMap<>(byLimit));
        }

        synchronized boolean take(Limit limit, long nowMillis) {
            return !tripped && byLimit.computeIfAbsent(limit, l -> new TokenBucket(rate(l), nowMillis)).take(nowMillis);
        }

        synchronized boolean tripped() {
            return tripped;
        }

        /** How long until every bucket of these has a token again. */
        synchronized Duration untilAllHaveOne(long nowMillis) {
            return byLimit.values().stream().map(bucket -> bucket.untilNext(nowMillis)).max(Duration::compareTo)
                    .orElse(Duration.ZERO);
        }

        /** True only the first time: the connection is told once. */
        synchronized boolean trip() {
            boolean first = !tripped;
            tripped = true;
            return first;
        }
    }
}
