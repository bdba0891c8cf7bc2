package io.parley.api.security;

import java.util.HashSet;
import java.util.Set;

import io.parley.session.EndpointKind;
import io.parley.session.EndpointRef;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** How Parley's identities are built and read: the endpoint a caller is travels as an attribute. */
final class Identities {

    static final String ENDPOINT = "parley.endpoint";
    static final String AGENT = "agent";

    private Identities() {
    }

    static SecurityIdentity of(String name, EndpointRef endpoint, Set<String> roles) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(roles)
                .addAttribute(ENDPOINT, endpoint)
                .build();
    }

    /**
     * The roles a user has, with what they imply: a supervisor is an agent too (it signs in to the console,
     * joins sessions as a CSR would and may be handed a customer), who may also read every session.
     */
    static Set<String> implied(Set<String> roles) {
        if (!roles.contains(Callers.SUPERVISOR) || roles.contains(AGENT)) {
            return roles;
        }
        Set<String> all = new HashSet<>(roles);
        all.add(AGENT);
        return Set.copyOf(all);
    }

    /**
     * The endpoint a signed-in user is: an agent is the CSR of the agent directory under its user name, an
     * operator acts as itself.
     */
    static EndpointRef endpointFor(String name, Set<String> roles) {
        return roles.contains(AGENT) ? EndpointRef.csr(name) : new EndpointRef(EndpointKind.SYSTEM, name);
    }

    static EndpointRef endpointOf(SecurityIdentity identity) {
        return identity.getAttribute(ENDPOINT);
    }
}
