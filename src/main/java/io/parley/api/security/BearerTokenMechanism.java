package io.parley.api.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.transport.TokenKind;
import io.parley.transport.TokenService;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Authorization: Bearer <token>} for Parley's own visitor, console and endpoint tokens. A leg token on a
 * WebSocket upgrade is left to the upgrade check (it opens channels, not the REST API); any other bearer
 * token is left to OpenID Connect when that is enabled.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final String PREFIX = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Uni.createFrom().optional(Optional.empty());
        }
        String token = header.substring(PREFIX.length()).trim();
        String kind = TokenService.claimedKind(token);
        if (!TokenKind.VISITOR.wire().equals(kind) && !TokenKind.ENDPOINT.wire().equals(kind)
                && !TokenKind.CONSOLE.wire().equals(kind)) {
            // A leg token (for the upgrade check) or another issuer's token (OpenID Connect, when enabled).
            return Uni.createFrom().optional(Optional.empty());
        }
        return identities.authenticate(new TokenAuthenticationRequest(token));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"parley\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    /** Before OpenID Connect: Parley's own tokens are recognised by their claims and never sent there. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
