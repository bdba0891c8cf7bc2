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
 * Turns a visitor token into a customer identity (role {@code customer}). Tokens open exactly what they name:
 * an agent's endpoint token is for its {@code /ws/endpoint} socket alone and a leg token for its leg's
 * channels, so neither is a REST credential (an endpoint token cannot renew itself, either).
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
        return switch (tokens.verifyEndpoint(request.token(), TokenKind.VISITOR)) {
            case Verification.Verified<EndpointGrant> verified when verified.grant().endpoint().isCustomer() -> {
                EndpointGrant grant = verified.grant();
                yield Uni.createFrom().item(Identities.of(grant.endpoint().id(), grant.endpoint(),
                        Set.of("customer")));
            }
            case Verification.Verified<EndpointGrant> notCustomer -> Uni.createFrom()
                    .failure(new AuthenticationFailedException("token-wrong-type"));
            case Verification.Rejected<EndpointGrant> rejected -> Uni.createFrom()
                    .failure(new AuthenticationFailedException(rejected.code()));
        };
    }
}
