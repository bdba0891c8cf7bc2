package io.parley.session;

/**
 * What changed in a session, as the session instance reports it: appended to the session's event
 * log and fanned out (filtered) to the legs' control channels.
 */
public sealed interface SessionEvent {

    /** The wire name of the event type. */
    String type();

    record LegAdded(Leg leg) implements SessionEvent {
        public String type() {
            return "leg-added";
        }
    }

    /**
     * A leg changed state or reported channel states; {@code reason}: why it ended, when this update ends it for a
     * reason the service gave (null otherwise).
     */
    record LegUpdated(Leg leg, String reason) implements SessionEvent {

        public LegUpdated(Leg leg) {
            this(leg, null);
        }

        public String type() {
            return "leg-updated";
        }
    }

    /** A supervisor's leg switched from one mode to another. */
    record SupervisionChanged(Leg leg, Supervision from, String reason) implements SessionEvent {
        public String type() {
            return "supervision-changed";
        }
    }

    /** A supervisor who barged in took the session over: its leg is a CSR's now. */
    record TakenOver(Leg leg, String reason) implements SessionEvent {
        public String type() {
            return "taken-over";
        }
    }

    record TransferStarted(PendingTransfer transfer, EndpointRef to) implements SessionEvent {
        public String type() {
            return "transfer-started";
        }
    }

    record TransferCompleted(String fromLegId, String toLegId, String reason) implements SessionEvent {
        public String type() {
            return "transfer-completed";
        }
    }

    /** {@code failure} is null only as told by a replica of a release before failures had codes. */
    record TransferFailed(String fromLegId, String toLegId, String reason, TransferFailure failure)
            implements SessionEvent {
        public String type() {
            return "transfer-failed";
        }
    }

    record StateChanged(SessionState state, String reason) implements SessionEvent {
        public String type() {
            return "state-changed";
        }
    }

    record Ended(String reason) implements SessionEvent {
        public String type() {
            return "session-ended";
        }
    }

    record Enqueued(Queued queue, String reason) implements SessionEvent {
        public String type() {
            return "queued";
        }
    }

    /** An offer to one CSR, with the routing decision that chose it. */
    record OfferMade(Offer offer, Queued.Purpose purpose, String subject, String explanation) implements SessionEvent {
        public String type() {
            return "offer-made";
        }
    }

    record OfferClosed(Offer offer, OfferOutcome outcome, String reason) implements SessionEvent {
        public String type() {
            return "offer-closed";
        }
    }

    /** Routing found nobody for the queued session now, and says why. */
    record RoutingWaits(String explanation) implements SessionEvent {
        public String type() {
            return "routing-waits";
        }
    }

    /** The session left the queue after waiting since {@code queue.since()}. */
    record Dequeued(Queued queue, QueueOutcome outcome, String reason) implements SessionEvent {
        public String type() {
            return "dequeued";
        }
    }

    record ServiceChanged(String fromServiceId, String toServiceId, String reason) implements SessionEvent {
        public String type() {
            return "service-changed";
        }
    }
}
