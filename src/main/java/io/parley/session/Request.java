package io.parley.session;

/**
 * What an endpoint asks of a service (README, "How it works"). Every request goes through the service's
 * {@link ServiceInstance}, which allows it with decisions or refuses it with a {@link Refusal}.
 */
public sealed interface Request {

    Requester by();

    /**
     * Open a session: for a subject (a subject-room service may find the open one instead), with a
     * named endpoint, with whoever fits the subject, or any combination the service allows.
     *
     * @param subject the subject, or {@code null}
     * @param with the endpoint to bring in, or {@code null} for "whoever fits"
     * @param page the page the customer asks from, or {@code null}
     */
    record Start(Requester by, String subject, EndpointRef with, CustomerPage page) implements Request {

        public Start(Requester by, String subject, EndpointRef with) {
            this(by, subject, with, null);
        }
    }

    /** Join this session (by id, or as the found session for a subject). */
    record Join(Requester by) implements Request {
    }

    /** Invite a named endpoint into this session. */
    record Invite(Requester by, EndpointRef target) implements Request {
    }

    /** Invite whoever fits the subject into this session. */
    record InviteForSubject(Requester by, String subject) implements Request {
    }

    /**
     * Bring a second CSR into this session, named ({@code to}, who is offered it) or picked for a subject, with
     * a {@code note} for that CSR (or null).
     */
    record Conference(Requester by, EndpointRef to, String subject, String note) implements Request {

        public Conference(Requester by, EndpointRef to, String subject) {
            this(by, to, subject, null);
        }
    }

    /**
     * Hand the customer to a second CSR, named (who is offered it) or picked for a subject, with a {@code note}
     * for that CSR (or null); the first CSR then leaves.
     */
    record Transfer(Requester by, EndpointRef to, String subject, TransferMode mode, String note)
            implements Request {

        public Transfer(Requester by, EndpointRef to, String subject, TransferMode mode) {
            this(by, to, subject, mode, null);
        }
    }

    /** Take a leg out of the session: one's own (leave) or, for an operator, anyone's (remove). */
    record RemoveLeg(Requester by, String legId) implements Request {
    }

    /**
     * Call off a conference or transfer under way: its wait for whoever fits a subject (open offers are
     * withdrawn), a transfer's invitation of the second CSR, or a second CSR invited who has not joined.
     */
    record CancelHandover(Requester by) implements Request {
    }

    /**
     * A supervisor joins the session to monitor, whisper or barge, or switches its leg to another of these
     * modes.
     */
    record Supervise(Requester by, Supervision mode) implements Request {
    }

    /** A supervisor who barged in takes the session over: its leg becomes the CSR's, the CSRs there leave. */
    record TakeOver(Requester by) implements Request {
    }

    /**
     * A CSR takes a waiting customer from the queue itself, rather than waiting for an offer (where the service
     * allows it).
     */
    record Pick(Requester by) implements Request {
    }

    /** End the session for everybody. */
    record End(Requester by) implements Request {
    }

    /** A CSR accepts an offer made to it. */
    record AcceptOffer(Requester by, String offerId) implements Request {
    }

    /** A CSR declines an offer made to it, saying why ({@code reason}, or null). */
    record DeclineOffer(Requester by, String offerId, String reason) implements Request {

        /** The longest reason a CSR gives with a decline, on every interface. */
        public static final int REASON_LIMIT = 200;

        public DeclineOffer(Requester by, String offerId) {
            this(by, offerId, null);
        }
    }
}
