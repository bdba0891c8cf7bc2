package io.parley.api;

/** Request bodies of {@code /api/sessions}. Operators may add {@code onBehalfOf} to act as an endpoint. */
public final class SessionBodies {

    private SessionBodies() {
    }

    /** {@code POST /api/sessions}. */
    public record Start(String service, String subject, EndpointBody with, EndpointBody onBehalfOf) {
    }

    /** {@code POST /api/sessions/{id}/legs}: join (neither field), or invite an endpoint or whoever fits a subject. */
    public record Legs(EndpointBody endpoint, String subject, EndpointBody onBehalfOf) {
    }

    /** {@code POST .../conference} and {@code .../transfer}: a named CSR or a subject; mode warm or cold. */
    public record Handover(EndpointBody to, String subject, String mode, EndpointBody onBehalfOf) {
    }

    /** {@code POST .../supervision}: {@code monitor}, {@code whisper} or {@code barge}. */
    public record Supervise(String mode) {
    }

    /** {@code POST .../end}, and any request with nothing but an optional {@code onBehalfOf}. */
    public record Acting(EndpointBody onBehalfOf) {
    }
}
