package io.parley.api.ws;

import io.quarkus.websockets.next.CloseReason;

/**
 * The codes and reasons this replica closes WebSocket connections with, in one place for the sockets that close and
 * the clients' expectations they have to meet.
 */
final class CloseCodes {

    /** Close code for a leg that is no longer in the session (application range 4000-4999). */
    static final int LEG_ENDED = 4001;
    /**
     * Close code for a console whose token was revoked (an operator signed the agent out or removed it, or the
     * console signed out): it does not reconnect by itself, its agent signs in again.
     */
    static final int SIGNED_OUT = 4403;
    /** Standard close codes: the server restarts (reconnect), or goes away. */
    static final int SERVICE_RESTART = 1012;
    static final int GOING_AWAY = 1001;
    /** A draining replica sends a leg's channels on: reconnect (elsewhere). */
    static final CloseReason RESTARTING = new CloseReason(SERVICE_RESTART, "service restarting; reconnect");
    /** A draining replica sends a console's standing channel on. */
    static final CloseReason LEAVING = new CloseReason(GOING_AWAY, "going away; reconnect");

    private CloseCodes() {
    }
}
