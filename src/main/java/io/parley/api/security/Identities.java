package io.parley.api.security;

import java.util.Set;

import io.parley.session.EndpointRef;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** How Parley's identities are built and read: the endpoint a caller is travels as an attribute. */
final class Identities {

    static final String ENDPOINT = "parley.endpoint";

    private Identities() {
    }

    static SecurityIdentity of(String name, EndpointRef endpoint, Set<String> roles) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(roles)
                .addAttribute(ENDPOINT, endpoint)
                .build();
    }

    static EndpointRef endpointOf(SecurityIdentity identity) {
        return identity.getAttribute(ENDPOINT);
    }
}
