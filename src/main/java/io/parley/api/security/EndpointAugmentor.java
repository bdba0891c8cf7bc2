package io.parley.api.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.EndpointKind;
import io.parley.session.EndpointRef;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives identities from elsewhere (OpenID Connect) the endpoint Parley knows them as: an {@code agent}
 * is the CSR of the agent directory with its user name, an {@code operator} acts as itself.
 */
@ApplicationScoped
public class EndpointAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || Identities.endpointOf(identity) != null) {
            return Uni.createFrom().item(identity);
        }
        String name = identity.getPrincipal().getName();
        EndpointRef endpoint = identity.hasRole("agent") ? EndpointRef.csr(name)
                : new EndpointRef(EndpointKind.SYSTEM, name);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Identities.ENDPOINT, endpoint).build());
    }
}
