package io.parley.session;

import java.util.List;

/**
 * The service-specific half of a service-session (the other half is the generic
 * {@link SessionInstance}). A pure function of its inputs: it reads a session and a request or a
 * happening, and answers with decisions. No I/O, no clocks of its own, no CDI.
 */
public interface ServiceInstance {

    /**
     * Decides a request.
     *
     * @param session the session the request is about; for {@link Request.Start} a freshly opened,
     *        empty session
     * @param situation the CSRs as they are now, for picking whoever fits a subject, and the time now
     */
    Verdict decide(ServiceSession session, Request request, Situation situation);

    /** Reacts to something that happened to the session (a leg connected or ended, a deadline passed). */
    List<Decision> react(ServiceSession session, Happening happening, Situation situation);

    /**
     * True when the service identifies its sessions by subject, so that a start for a subject joins the
     * open session for that subject instead of opening another.
     */
    default boolean sessionsAreSubjectRooms() {
        return false;
    }
}
