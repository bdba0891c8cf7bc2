package io.parley.api.ws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * A socket lives no longer than the token that opened it, unless its holder renews in-band: a leg on its
 * control channel (the service mints the leg a fresh token), a console on its standing channel (with a
 * fresh endpoint token it got by signing in). At the deadline the socket is closed with
 * {@value #TOKEN_EXPIRED}, and the client reconnects with fresh connection details.
 *
 * <p>One timer per socket, set for its deadline; a renewal moves the holder's deadline only, and a timer
 * that finds its holder renewed sets itself again. A holder's entry lives until its deadline has passed.
 */
@ApplicationScoped
public class TokenDeadlines {

    private static final Logger LOG = Logger.getLogger(TokenDeadlines.class);
    /** Close code for a socket whose token expired without a renewal (application range 4000-4999). */
    public static final int TOKEN_EXPIRED = 4401;

    private final Vertx vertx;
    private final Clock clock;
    /** Per holder (a leg, a console), until when its sockets may stay open. */
    private final Map<String, Instant> deadlines = new ConcurrentHashMap<>();

    public TokenDeadlines(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    /** The holder of a leg's sockets. */
    static String leg(String legId) {
        return "leg:" + legId;
    }

    /** The holder of a console's standing channel: each console renews its own. */
    static String console(WebSocketConnection connection) {
        return "console:" + connection.id();
    }

    /** Closes {@code connection} once its holder's deadline (at least {@code expiresAt}) has passed. */
    void watch(String holder, WebSocketConnection connection, Instant expiresAt) {
        deadlines.merge(holder, expiresAt, TokenDeadlines::later);
        schedule(holder, connection, expiresAt);
    }

    /** The holder renewed its token: its sockets stay open until {@code expiresAt}. */
    void renewed(String holder, Instant expiresAt) {
        deadlines.merge(holder, expiresAt, TokenDeadlines::later);
    }

    /** Until when the holder's sockets stay open; null when none is watched. */
    Instant deadline(String holder) {
        return deadlines.get(holder);
    }

    private void schedule(String holder, WebSocketConnection connection, Instant at) {
        long delay = Math.max(1, Duration.between(clock.instant(), at).toMillis());
        vertx.setTimer(delay, id -> {
            Instant deadline = deadlines.getOrDefault(holder, at);
            Instant now = clock.instant();
            if (deadline.isAfter(now)) {
                if (connection.isOpen()) {
                    schedule(holder, connection, deadline);
                }
                return;
            }
            deadlines.remove(holder, deadline);
            if (connection.isOpen()) {
                LOG.debugf("Closing a socket of %s: its token expired at %s", holder, deadline);
                connection.close(new CloseReason(TOKEN_EXPIRED,
                        "token expired: renew it on the control channel, or reconnect with fresh connection details"))
                        .subscribe().with(done -> {}, failure -> LOG.debug("close failed", failure));
            }
        });
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
