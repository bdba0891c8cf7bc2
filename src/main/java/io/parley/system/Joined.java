package io.parley.system;

import io.parley.session.Leg;
import io.parley.session.ServiceSession;
import io.parley.transport.ConnectionDetails;

/**
 * The requester is in the session: its leg and the connection details it connects with.
 *
 * @param created a new session was opened (rather than an existing one joined)
 * @param visitorToken for a customer without an account: the visitor token it proves itself with from now
 *        on, or {@code null}
 */
public record Joined(ServiceSession session, Leg leg, ConnectionDetails details, boolean created,
        String visitorToken) {
}
