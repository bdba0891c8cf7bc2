package io.parley.api.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.transport.EndpointGrant;
import io.parley.transport.RevocationList;
import io.parley.transport.TokenKind;
import io.parley.transport.TokenService;
import io.parley.transport.Verification;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a visitor token into a customer identity (role {@code customer}) and a console token into its agent
 * (role {@code agent} only, whatever else the account may do). Tokens open exactly what they name: an agent's
 * endpoint token is for its {@code /ws/endpoint} socket alone and a leg token for its leg's channels, so
 * neither is a REST credential (an endpoint token cannot renew itself, either). A token that was revoked (a
 * console's sign-out, an operator signing the agent out, the agent removed from the directory) is refused with
 * {@value #REVOKED}, from memory: no database round trip.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final String TOKEN_KIND = "parley.token-kind";
    private static final String TOKEN_GRANT = "parley.token-grant";
    /** The code of a token refused before its expiry: revoked, or its agent removed from the directory. */
    public static final String REVOKED = "token-revoked";

    private final TokenService tokens;
    private final UsersConfig users;
    private final RevocationList revocations;

    public TokenIdentityProvider(TokenService tokens, UsersConfig users, RevocationList revocations) {
        this.tokens = tokens;
        this.users = users;
        this.revocations = revocations;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Whether the caller proved itself with a console token (which may not make another one). */
    public static boolean signedInByConsoleToken(SecurityIdentity identity) {
        return TokenKind.CONSOLE.equals(identity.getAttribute(TOKEN_KIND));
    }

    /** The console token the caller proved itself with (its id, when it was issued), if it did. */
    public static Optional<EndpointGrant> consoleToken(SecurityIdentity identity) {
        return signedInByConsoleToken(identity) ? Optional.ofNullable(identity.getAttribute(TOKEN_GRANT))
                : Optional.empty();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (TokenKind.CONSOLE.wire().equals(TokenService.claimedKind(request.token()))) {
            return console(request.token());
        }
        return switch (tokens.verifyEndpoint(request.token(), TokenKind.VISITOR)) {
            case Verification.Verified<EndpointGrant> revoked when revocations.refuses(revoked.grant()) -> Uni
                    .createFrom().failure(new AuthenticationFailedException(REVOKED));
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

    /**
     * What a console token lets its agent do: an agent's, and a supervisor's reads when the user is a
     * configured supervisor (a console signed in through OpenID Connect acts as an agent).
     */
    private Set<String> consoleRoles(String agentId) {
        UsersConfig.User user = users.users().get(agentId);
        boolean supervisor = user != null && user.roles().contains(Callers.SUPERVISOR);
        return Identities.implied(supervisor ? Set.of(Callers.SUPERVISOR) : Set.of(Identities.AGENT));
    }

    private Uni<SecurityIdentity> console(String token) {
        return switch (tokens.verifyEndpoint(token, TokenKind.CONSOLE)) {
            // Signed out (by the console or an operator), or its agent removed: refused before it expires.
            case Verification.Verified<EndpointGrant> revoked when revocations.refuses(revoked.grant()) -> Uni
                    .createFrom().failure(new AuthenticationFailedException(REVOKED));
            case Verification.Verified<EndpointGrant> verified when verified.grant().endpoint().isCsr() -> {
                EndpointGrant grant = verified.grant();
                yield Uni.createFrom().item(QuarkusSecurityIdentity.builder(Identities.of(grant.endpoint().id(),
                        grant.endpoint(), consoleRoles(grant.endpoint().id())))
                        .addAttribute(TOKEN_KIND, TokenKind.CONSOLE)
                        .addAttribute(TOKEN_GRANT, grant)
                        .build());
            }
            case Verification.Verified<EndpointGrant> notAgent -> Uni.createFrom()
                    .failure(new AuthenticationFailedException("token-wrong-type"));
            case Verification.Rejected<EndpointGrant> rejected -> Uni.createFrom()
                    .failure(new AuthenticationFailedException(rejected.code()));
        };
    }
}
