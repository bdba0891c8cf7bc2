package io.parley.api;

import io.parley.system.Joined;
import io.parley.transport.ConnectionDetails;

/**
 * The answer to a join or a start: the session, the caller's leg id, the connection details to connect
 * with and, for a new visitor, the visitor token to send as {@code Authorization: Bearer} from now on.
 */
public record Joining(SessionView session, String legId, ConnectionDetails connection, String visitorToken) {

    static Joining of(Joined joined, boolean staff) {
        return new Joining(SessionView.of(joined.session(), joined.leg().endpoint(), staff), joined.leg().id(),
                joined.details(), joined.visitorToken());
    }
}
