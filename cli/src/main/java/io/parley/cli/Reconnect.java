package io.parley.cli;

import java.time.Duration;

/**
 * What a follower of the live stream does when its connection ends: go on after a short wait that doubles with
 * each attempt in a row that heard nothing (0.5 s up to 10 s), start over when the server does not know the
 * position it resumes from, or give up. Pure: the state is the attempts in a row and whether it ever connected.
 *
 * @param failures attempts in a row that heard nothing from the server
 * @param connected whether the stream was open once (a server that was never reached is a wrong address)
 */
record Reconnect(int failures, boolean connected) {

    static final Duration FIRST = Duration.ofMillis(500);
    static final Duration LONGEST = Duration.ofSeconds(10);

    /** How a connection ended. */
    enum Ending {
        /** The stream ended, broke or fell silent. */
        DROPPED,
        /** No connection could be made. */
        UNREACHABLE,
        /** The server answered 502, 503 or 504: a replica draining or a proxy without one. */
        UNAVAILABLE,
        /** The server answered 400 to a resume: the id is not one of its stream's. */
        UNKNOWN_POSITION,
        /** Any other refusal (not signed in, not a supervisor or operator). */
        REFUSED;

        static Ending refused(int status, boolean resuming) {
            if (status == 502 || status == 503 || status == 504) {
                return UNAVAILABLE;
            }
            return status == 400 && resuming ? UNKNOWN_POSITION : REFUSED;
        }
    }

    /**
     * @param retry whether to connect again
     * @param after how long to wait first
     * @param startOver follow from now rather than resume: what is shown must be loaded again
     */
    record Plan(boolean retry, Duration after, boolean startOver) {
    }

    static Reconnect first() {
        return new Reconnect(0, false);
    }

    /** The stream is open. */
    Reconnect opened() {
        return new Reconnect(failures, true);
    }

    /** The server sent something (an entry or a heartbeat): the next drop is tried again soon. */
    Reconnect heard() {
        return new Reconnect(0, connected);
    }

    /** Another attempt that heard nothing. */
    Reconnect failed() {
        return new Reconnect(failures + 1, connected);
    }

    Plan plan(Ending ending) {
        return switch (ending) {
            case REFUSED -> new Plan(false, Duration.ZERO, false);
            case UNREACHABLE -> connected ? new Plan(true, backoff(), false) : new Plan(false, Duration.ZERO, false);
            case UNKNOWN_POSITION -> new Plan(true, Duration.ZERO, true);
            case DROPPED, UNAVAILABLE -> new Plan(true, backoff(), false);
        };
    }

    private Duration backoff() {
        Duration wait = FIRST.multipliedBy(1L << Math.min(failures, 5));
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
