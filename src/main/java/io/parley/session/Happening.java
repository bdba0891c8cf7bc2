package io.parley.session;

/**
 * Something that happened to a session without anyone asking: the service instance reacts to it
 * with decisions (end the session, re-queue, complete or fail a transfer).
 */
public sealed interface Happening {

    /** The leg's endpoint reported, on its control channel, that it is connected. */
    record LegConnected(Leg leg) implements Happening {
    }

    /** The leg ended: it left, was removed, declined or failed. */
    record LegEnded(Leg leg) implements Happening {
    }

    /** The pending transfer's second leg did not connect by the deadline. */
    record TransferExpired(PendingTransfer transfer) implements Happening {
    }
}
