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

    /**
     * The session entered its service's queue (or changed what it waits for): route it, or offer it to the CSR
     * the customer asked for by name ({@code askedFor}, else {@code null}).
     */
    record Enqueued(EndpointRef askedFor) implements Happening {

        public Enqueued() {
            this(null);
        }
    }

    /** An offer was declined or expired: offer the session to someone else. */
    record OfferClosed(Offer offer, OfferOutcome outcome) implements Happening {
    }

    /** The offer's time ran out without an answer. */
    record OfferExpired(String offerId) implements Happening {
    }

    /** CSRs may have become free, or the wait grew long enough for a relaxed requirement: route again. */
    record RouteAgain() implements Happening {
    }

    /** The session has waited in the queue longer than the service's queue time-out. */
    record QueueTimedOut() implements Happening {
    }

    /** The session arrived from another service (overflow) and this service decides from here. */
    record MovedIn(String fromServiceId) implements Happening {
    }

    /** The CSR went away or offline: its open offers are withdrawn and routing moves on. */
    record CsrUnavailable(EndpointRef csr, String why) implements Happening {
    }

    /**
     * The CSR was taken out of the agent directory, or signed out: its open offers are withdrawn and its legs end
     * with {@code why} ({@link LegEnding} gives such reasons a code), and the service decides what follows as when a
     * CSR leaves (a routed customer waits for the next CSR, a direct session ends).
     */
    record CsrRemoved(EndpointRef csr, String why) implements Happening {
    }
}
