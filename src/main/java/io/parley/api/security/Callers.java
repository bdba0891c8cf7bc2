package io.parley.api.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.api.Problem;
import io.parley.api.ProblemException;
import io.parley.session.EndpointRef;
import io.parley.session.Requester;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is asking, from credentials only. An operator may name another endpoint to act as
 * ({@code onBehalfOf}); anybody else asking for that is refused with {@code not-permitted}.
 */
@ApplicationScoped
public class Callers {

    public static final String OPERATOR = "operator";
    public static final String SUPERVISOR = "supervisor";

    /** The requester as itself; an anonymous caller is answered {@code 401 unauthenticated}. */
    public Requester signedIn(SecurityIdentity identity) {
        return requester(identity, Optional.empty()).orElseThrow(() -> new ProblemException(Problem.of(401,
                "unauthenticated", "sign in (HTTP Basic) or send your visitor token as Authorization: Bearer")));
    }

    /** The requester; empty for an anonymous caller (who may only start a session, as a new visitor). */
    public Optional<Requester> requester(SecurityIdentity identity, Optional<EndpointRef> onBehalfOf) {
        boolean operator = !identity.isAnonymous() && identity.hasRole(OPERATOR);
        if (onBehalfOf.isPresent()) {
            if (!operator) {
                throw new ProblemException(Problem.of(403, "not-permitted",
                        "only operators may act on behalf of another endpoint"));
            }
            return Optional.of(Requester.as(onBehalfOf.get()));
        }
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        if (operator) {
            return Optional.of(Requester.operator(identity.getPrincipal().getName()));
        }
        EndpointRef endpoint = Identities.endpointOf(identity);
        boolean supervisor = identity.hasRole(SUPERVISOR) && endpoint != null && endpoint.isCsr();
        return Optional.ofNullable(endpoint).map(supervisor ? Requester::supervisor : Requester::as);
    }
}
