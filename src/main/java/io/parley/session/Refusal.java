package io.parley.session;

/**
 * Why a request was refused: a stable {@link Code} that clients can rely on, and a sentence for people.
 * A refused request changes nothing.
 */
public record Refusal(Code code, String detail) {

    /** Stable error codes; the wire form is the lower-case dashed name ({@code transfer-not-allowed}). */
    public enum Code implements WireName {
        /** No service, session, leg or endpoint by that id. */
        SERVICE_NOT_FOUND(Kind.NOT_FOUND),
        SESSION_NOT_FOUND(Kind.NOT_FOUND),
        LEG_NOT_FOUND(Kind.NOT_FOUND),
        ENDPOINT_NOT_FOUND(Kind.NOT_FOUND),
        /** No open or closed offer by that id for this CSR (a foreign offer looks the same). */
        OFFER_NOT_FOUND(Kind.NOT_FOUND),
        /** No recording of the session by that file name. */
        RECORDING_NOT_FOUND(Kind.NOT_FOUND),
        /** The requester has no right to do this here. */
        NOT_A_MEMBER(Kind.FORBIDDEN),
        NOT_INVITED(Kind.FORBIDDEN),
        NOT_PERMITTED(Kind.FORBIDDEN),
        ONLY_CSRS(Kind.FORBIDDEN),
        /** A customer named a customer into a session: only staff may (and what they name is a label). */
        CUSTOMERS_NAMED_BY_STAFF(Kind.FORBIDDEN),
        /** The request is well formed but the service's rules or the session's state refuse it. */
        SESSION_ENDED(Kind.CONFLICT),
        SUBJECT_REQUIRED(Kind.CONFLICT),
        UNKNOWN_SUBJECT(Kind.CONFLICT),
        ENDPOINT_REQUIRED(Kind.CONFLICT),
        TARGET_REQUIRED(Kind.CONFLICT),
        ENDPOINT_UNAVAILABLE(Kind.CONFLICT),
        ALREADY_IN_SESSION(Kind.CONFLICT),
        NO_AGENT_AVAILABLE(Kind.CONFLICT),
        CONFERENCE_NOT_ALLOWED(Kind.CONFLICT),
        TRANSFER_NOT_ALLOWED(Kind.CONFLICT),
        CUSTOMER_INVITES_NOT_ALLOWED(Kind.CONFLICT),
        /** The service does not let its agents pick a customer from its queue. */
        PICK_NOT_ALLOWED(Kind.CONFLICT),
        /** No agent has been in the conversation: there is nothing to rate. */
        NOT_SERVED(Kind.CONFLICT),
        /** The session does not wait for an agent (answered, or waiting for a second CSR). */
        NOT_WAITING(Kind.CONFLICT),
        /** The service does not allow this way of supervising (monitor, whisper or barge). */
        SUPERVISION_NOT_ALLOWED(Kind.CONFLICT),
        INVITES_NOT_ALLOWED(Kind.CONFLICT),
        MAX_CSRS_REACHED(Kind.CONFLICT),
        MAX_PARTICIPANTS_REACHED(Kind.CONFLICT),
        TRANSFER_IN_PROGRESS(Kind.CONFLICT),
        /** A transfer to a CSR conferenced in who has not joined yet: it completes at once once it has. */
        HANDOVER_NOT_JOINED(Kind.CONFLICT),
        SUBJECT_SESSIONS_ONLY(Kind.CONFLICT),
        /** The offer's time ran out before the answer came. */
        OFFER_EXPIRED(Kind.CONFLICT),
        /** Another CSR accepted the offer first, or it was withdrawn. */
        OFFER_TAKEN(Kind.CONFLICT),
        /** The offer was already answered. */
        OFFER_CLOSED(Kind.CONFLICT),
        /** The session already waits for a CSR (a transfer or conference by subject is being routed). */
        ROUTING_IN_PROGRESS(Kind.CONFLICT),
        /** Nothing to call off: no conference or transfer is under way. */
        NO_HANDOVER(Kind.CONFLICT),
        /** A join link is asked for a leg that is not a customer's. */
        NOT_A_CUSTOMER_LEG(Kind.CONFLICT),
        /** A join link is asked for a customer leg that was not invited or has already connected. */
        LEG_NOT_INVITED(Kind.CONFLICT),
        /** A join link's leg is no longer in the session (or the link's time ran out). */
        LINK_EXPIRED(Kind.GONE),
        /** A join link already opened in another browser: its leg is bound to the visitor who opened it first. */
        LINK_USED(Kind.GONE),
        /** This node is shutting down and takes no new sessions; another replica does. */
        DRAINING(Kind.UNAVAILABLE);

        private final Kind kind;

        Code(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** How the refusal maps to a protocol status: 404, 403, 409, 410 or 503. */
    public enum Kind {
        NOT_FOUND,
        FORBIDDEN,
        CONFLICT,
        GONE,
        UNAVAILABLE
    }

    public static Refusal of(Code code, String detail) {
        return new Refusal(code, detail);
    }
}
