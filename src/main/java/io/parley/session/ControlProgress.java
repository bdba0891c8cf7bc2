package io.parley.session;

import java.util.Optional;

/**
 * What a leg's control channel is told of a change besides the roster: a transfer's progress, a handover's wait
 * ended, a leg gone (and why), the session ended. The one mapping from {@link SessionEvent}s, for the fan-out here
 * and for what the replicas' channel carries to the others: every event is named, so a new event does not compile
 * until someone decides whether control channels are told of it.
 */
public sealed interface ControlProgress {

    record TransferStarted(String fromLegId, String toLegId) implements ControlProgress {
    }

    record TransferCompleted(String fromLegId, String toLegId, String reason) implements ControlProgress {
    }

    record TransferFailed(String fromLegId, String toLegId, String reason, TransferFailure failure)
            implements ControlProgress {
    }

    /** A wait for a second CSR (a conference or transfer asked for) ended; staff are told, customers not. */
    record HandoverEnded(String fromLegId, Queued.Purpose purpose, String subject, EndpointRef named,
            QueueOutcome outcome, String reason) implements ControlProgress {
    }

    /** A leg left, and why; a leg customers never saw (a monitoring supervisor) is told to staff only. */
    record LegEnded(Leg leg, String reason) implements ControlProgress {
    }

    record Ended(String reason) implements ControlProgress {
    }

    static Optional<ControlProgress> of(SessionEvent event) {
        return Optional.ofNullable(switch (event) {
            case SessionEvent.TransferStarted started -> new TransferStarted(started.transfer().fromLegId(),
                    started.transfer().toLegId());
            case SessionEvent.TransferCompleted completed -> new TransferCompleted(completed.fromLegId(),
                    completed.toLegId(), completed.reason());
            case SessionEvent.TransferFailed failed -> new TransferFailed(failed.fromLegId(), failed.toLegId(),
                    failed.reason(), failed.failure());
            case SessionEvent.Dequeued dequeued -> dequeued.queue().forSecondCsr()
                    ? new HandoverEnded(dequeued.queue().fromLegId(), dequeued.queue().purpose(),
                            dequeued.queue().subject(), dequeued.queue().named(), dequeued.outcome(), dequeued.reason())
                    : null;
            // A leg updated with a reason is one that left (or was made to); other updates show in the roster.
            case SessionEvent.LegUpdated updated -> updated.reason() == null ? null
                    : new LegEnded(updated.leg(), updated.reason());
            case SessionEvent.Ended ended -> new Ended(ended.reason());
            // The roster shows these; a control channel is told nothing more.
            case SessionEvent.LegAdded added -> null;
            case SessionEvent.SupervisionChanged changed -> null;
            case SessionEvent.TakenOver taken -> null;
            case SessionEvent.StateChanged changed -> null;
            case SessionEvent.ServiceChanged changed -> null;
            // Queues and offers reach staff by their own notices (positions, offers), not on control.
            case SessionEvent.Enqueued enqueued -> null;
            case SessionEvent.OfferMade made -> null;
            case SessionEvent.OfferClosed closed -> null;
            case SessionEvent.RoutingWaits waits -> null;
        });
    }
}
