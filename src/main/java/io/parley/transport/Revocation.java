package io.parley.transport;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.parley.session.EndpointRef;

/**
 * Tokens refused before they expire: one token (a console's sign-out), every token of an endpoint issued before
 * a moment (an operator signing an agent out), or every token of an agent taken out of the directory (until it
 * is added again). Travels between replicas as it is.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Revocation.Token.class, name = "token"),
        @JsonSubTypes.Type(value = Revocation.IssuedBefore.class, name = "issued-before"),
        @JsonSubTypes.Type(value = Revocation.Removed.class, name = "removed"),
        @JsonSubTypes.Type(value = Revocation.Readmitted.class, name = "readmitted")})
public sealed interface Revocation {

    /** Whose tokens it refuses. */
    EndpointRef endpoint();

    /** One token, by its id ({@code jti}), refused until it expires. */
    record Token(EndpointRef endpoint, String id, Instant issuedAt, Instant expiresAt) implements Revocation {

        public static Token of(EndpointGrant grant) {
            return new Token(grant.endpoint(), grant.id(), grant.issuedAt(), grant.expiresAt());
        }
    }

    /** Every token of the endpoint issued before {@code moment}. */
    record IssuedBefore(EndpointRef endpoint, Instant moment) implements Revocation {
    }

    /** The agent was taken out of the directory: none of its tokens is accepted, whenever issued. */
    record Removed(EndpointRef endpoint) implements Revocation {
    }

    /** The agent was added to the directory again: its tokens issued from now on are accepted. */
    record Readmitted(EndpointRef endpoint) implements Revocation {
    }
}
