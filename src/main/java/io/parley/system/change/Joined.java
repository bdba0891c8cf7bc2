package io.parley.system.change;

import io.parley.session.Leg;
import io.parley.session.ServiceSession;
import io.parley.transport.ConnectionDetails;
import io.parley.transport.JoinLink;

/**
 * The requester is in the session: its leg and the connection details it connects with.
 *
 * @param created a new session was opened (rather than an existing one joined)
 * @param visitorToken for a customer without an account: the visitor token it proves itself with from now
 *        on, or {@code null}
 * @param joinLink when the request invited a customer (a start {@code with} one): the link to send it, or
 *        {@code null}
 */
public record Joined(ServiceSession session, Leg leg, ConnectionDetails details, boolean created,
        String visitorToken, JoinLink joinLink) {
}
