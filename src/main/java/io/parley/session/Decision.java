package io.parley.session;

import java.time.Duration;
import java.util.List;

/**
 * What a service instance tells the session instance to do. The session instance carries decisions
 * out in order, generically; the service instance only decides which ones and when.
 */
public sealed interface Decision {

    /**
     * Add a leg for the endpoint. {@link LegState#JOINING} for the endpoint that asked (it receives
     * connection details in the answer), {@link LegState#INVITED} for one brought in by another (it is
     * sent the details).
     */
    record AddLeg(EndpointRef endpoint, LegRole role, LegState initial) implements Decision {
    }

    /**
     * The supervisor {@code endpoint} in {@code mode}: a new leg of role supervisor (joining: it gets connection
     * details in the answer), or its leg switched to the mode.
     */
    record Supervise(EndpointRef endpoint, Supervision mode) implements Decision {
    }

    /** The supervisor's leg becomes a CSR's leg (the CSRs it takes over from leave by decisions of their own). */
    record TakeOver(String legId, String reason) implements Decision {
    }

    /** End a leg: it {@code left}, {@code failed} or {@code declined}. */
    record EndLeg(String legId, LegState outcome, String reason) implements Decision {
    }

    /** Invite {@code to} as the second CSR and keep {@code fromLegId} until the transfer completes. */
    record BeginTransfer(String fromLegId, EndpointRef to, TransferMode mode, Duration timeout) implements Decision {
    }

    /** The second CSR is in: the transfer is done (the first leg's removal, if any, is its own decision). */
    record CompleteTransfer(String reason) implements Decision {
    }

    /** The transfer failed: its second leg ends as {@code failed}, the first CSR stays. */
    record AbandonTransfer(TransferFailure failure, String reason) implements Decision {
    }

    /** Mark the session waiting (a customer queued for a CSR) or active again. */
    record SetState(SessionState state, String reason) implements Decision {
    }

    /** End the session: every active leg leaves. */
    record EndSession(String reason) implements Decision {
    }

    /**
     * Put the session in its service's queue for {@code purpose} (or change what it waits for, keeping
     * its place). The service instance is then asked to route it, or, when a CSR was asked for by name, to
     * offer it to that CSR ({@code askedFor}): a customer asking for one is routed on to whoever fits if it
     * declines; a conference or transfer asked of one CSR is for that CSR alone ({@link Queued#named()}).
     *
     * @param note the asking CSR's note for the CSR who takes a conference or transfer, or null
     */
    record Enqueue(Queued.Purpose purpose, String subject, String fromLegId, TransferMode mode, String reason,
            EndpointRef askedFor, String note) implements Decision {

        public Enqueue(Queued.Purpose purpose, String subject, String fromLegId, TransferMode mode, String reason) {
            this(purpose, subject, fromLegId, mode, reason, null, null);
        }

        public Enqueue(Queued.Purpose purpose, String subject, String fromLegId, TransferMode mode, String reason,
                EndpointRef askedFor) {
            this(purpose, subject, fromLegId, mode, reason, askedFor, null);
        }
    }

    /** Offer the queued session to these CSRs (one, or every fitting CSR for ring-all). */
    record MakeOffers(List<EndpointRef> csrs, Duration timeout, String explanation) implements Decision {

        public MakeOffers {
            csrs = List.copyOf(csrs);
        }
    }

    /** Close an open offer; a declined or expired offer passes its CSR over and routing goes on. */
    record CloseOffer(String offerId, OfferOutcome outcome, String reason) implements Decision {
    }

    /** Nobody fits now: the session keeps waiting, and the log says why. */
    record KeepWaiting(String explanation) implements Decision {
    }

    /** Leave the queue: every offer still open is withdrawn. */
    record Dequeue(QueueOutcome outcome, String reason) implements Decision {
    }

    /** Hand the session to another service (overflow); that service's instance decides from here. */
    record MoveToService(String serviceId, String reason) implements Decision {
    }
}
