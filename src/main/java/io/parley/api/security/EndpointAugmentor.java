package io.parley.api.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.EndpointRef;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives identities from elsewhere (OpenID Connect) the endpoint Parley knows them as: an {@code agent}
 * (and a {@code supervisor}, who is an agent too) is the CSR of the agent directory with its user name, an
 * {@code operator} acts as itself.
 */
@ApplicationScoped
public class EndpointAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || Identities.endpointOf(identity) != null) {
            return Uni.createFrom().item(identity);
        }
        String name = identity.getPrincipal().getName();
        Set<String> roles = Identities.implied(identity.getRoles());
        EndpointRef endpoint = Identities.endpointFor(name, roles);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRoles(roles)
                .addAttribute(Identities.ENDPOINT, endpoint).build());
    }
}
