package io.parley.api;

import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.session.EndpointRef;
import io.parley.system.change.Joined;
import io.parley.transport.ConnectionDetails;

/**
 * The answer to a join or a start: the session, the caller's leg id, the connection details to connect
 * with and, for a new visitor, the visitor token to send as {@code Authorization: Bearer} from now on.
 * When a start invited a customer ({@code with} a customer), {@code joinUrl} is the link to send it
 * (absent otherwise).
 */
public record Joining(SessionView session, String legId, ConnectionDetails connection, String visitorToken,
        @JsonInclude(JsonInclude.Include.NON_NULL) String joinUrl) {

    static Joining of(Joined joined, boolean staff, Function<EndpointRef, String> names) {
        return new Joining(SessionView.of(joined.session(), joined.leg().endpoint(), staff, names), joined.leg().id(),
                joined.details(), joined.visitorToken(), joined.joinLink() == null ? null : joined.joinLink().url());
    }
}
