package io.parley.api;

import io.parley.session.CustomerPage;
import io.parley.session.ShortText;

/** Request bodies of {@code /api/sessions}. Operators may add {@code onBehalfOf} to act as an endpoint. */
public final class SessionBodies {

    private SessionBodies() {
    }

    /** {@code POST /api/sessions}. */
    public record Start(String service, String subject, EndpointBody with, EndpointBody onBehalfOf, PageBody page) {
    }

    /** The page a customer asks from ({@code url} http(s), {@code title}): shown on the offer. */
    public record PageBody(String url, String title) {

        /** The page as kept, or null; refused as an invalid request when it is not an http(s) address. */
        CustomerPage toPage() {
            try {
                return CustomerPage.of(url, title);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(e.getMessage());
            }
        }
    }

    /** {@code POST /api/sessions/{id}/legs}: join (neither field), or invite an endpoint or whoever fits a subject. */
    public record Legs(EndpointBody endpoint, String subject, EndpointBody onBehalfOf) {
    }

    /**
     * {@code POST .../conference} and {@code .../transfer}: a named CSR or a subject; mode warm or cold; a note for
     * the CSR who is offered it (at most {@value #NOTE_LIMIT} characters).
     */
    public record Handover(EndpointBody to, String subject, String mode, EndpointBody onBehalfOf, String note) {
    }

    /** The longest note a CSR leaves for the CSR it asks to join or take over. */
    public static final int NOTE_LIMIT = 500;

    /** A note or reason of a request body, as {@link ShortText#of} keeps it; refused as an invalid request. */
    public static String shortText(String value, String field, int limit) {
        try {
            return ShortText.of(value, field, limit);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(e.getMessage());
        }
    }

    /** {@code POST .../supervision}: {@code monitor}, {@code whisper} or {@code barge}. */
    public record Supervise(String mode) {
    }

    /** {@code POST .../end}, and any request with nothing but an optional {@code onBehalfOf}. */
    public record Acting(EndpointBody onBehalfOf) {
    }
}
