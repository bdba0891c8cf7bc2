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

    /** A leg changed state or reported channel states. */
    record LegUpdated(Leg leg) implements SessionEvent {
        public String type() {
            return "leg-updated";
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

    record TransferFailed(String fromLegId, String toLegId, String reason) implements SessionEvent {
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
}
