package io.parley.api.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.transport.EndpointGrant;
import io.parley.transport.TokenKind;
import io.parley.transport.TokenService;
import io.parley.transport.Verification;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a visitor token into a customer identity (role {@code customer}) and an agent's endpoint token
 * into that agent (role {@code agent}). Leg tokens are not REST credentials.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final TokenService tokens;

    public TokenIdentityProvider(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        TokenKind kind = TokenKind.ENDPOINT.wire().equals(TokenService.claimedKind(request.token()))
                ? TokenKind.ENDPOINT : TokenKind.VISITOR;
        return switch (tokens.verifyEndpoint(request.token(), kind)) {
            case Verification.Verified<EndpointGrant> verified -> {
                EndpointGrant grant = verified.grant();
                String role = grant.endpoint().isCustomer() ? "customer" : "agent";
                yield Uni.createFrom().item(Identities.of(grant.endpoint().id(), grant.endpoint(), Set.of(role)));
            }
            case Verification.Rejected<EndpointGrant> rejected -> Uni.createFrom()
                    .failure(new AuthenticationFailedException(rejected.code()));
        };
    }
}
