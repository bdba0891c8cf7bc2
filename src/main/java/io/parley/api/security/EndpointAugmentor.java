package io.parley.api.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.EndpointRef;
import io.parley.transport.RevocationList;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives identities from elsewhere (OpenID Connect) the endpoint Parley knows them as: an {@code agent}
 * (and a {@code supervisor}, who is an agent too) is the CSR of the agent directory with its user name, an
 * {@code operator} acts as itself. An agent an operator took out of the directory is nobody, however it signs in
 * (password, OpenID Connect or a token): refused with {@value #REMOVED}.
 */
@ApplicationScoped
public class EndpointAugmentor implements SecurityIdentityAugmentor {

    /** The code of a sign-in by an agent removed from the directory. */
    public static final String REMOVED = "agent-removed";

    private final RevocationList revocations;

    public EndpointAugmentor(RevocationList revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        EndpointRef known = Identities.endpointOf(identity);
        if (known != null) {
            return removed(known) ? refused() : Uni.createFrom().item(identity);
        }
        String name = identity.getPrincipal().getName();
        Set<String> roles = Identities.implied(identity.getRoles());
        EndpointRef endpoint = Identities.endpointFor(name, roles);
        if (removed(endpoint)) {
            return refused();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRoles(roles)
                .addAttribute(Identities.ENDPOINT, endpoint).build());
    }

    private boolean removed(EndpointRef endpoint) {
        return endpoint.isCsr() && revocations.isRemoved(endpoint);
    }

    private static Uni<SecurityIdentity> refused() {
        return Uni.createFrom().failure(new AuthenticationFailedException(REMOVED));
    }
}
