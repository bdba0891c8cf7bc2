package io.parley.session;

import java.time.Duration;

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
    record AbandonTransfer(String reason) implements Decision {
    }

    /** Mark the session waiting (a customer queued for a CSR) or active again. */
    record SetState(SessionState state, String reason) implements Decision {
    }

    /** End the session: every active leg leaves. */
    record EndSession(String reason) implements Decision {
    }
}
