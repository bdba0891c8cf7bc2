package io.parley.api;

import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.api.security.TokenIdentityProvider;
import io.parley.session.EndpointRef;
import io.parley.system.SystemConfig;
import io.parley.system.agents.SigningOut;
import io.parley.system.revocations.TokenRevocations;
import io.parley.transport.EndpointGrant;
import io.parley.transport.IssuedToken;
import io.parley.transport.Revocation;
import io.parley.transport.TokenKind;
import io.parley.transport.TokenService;
import io.parley.transport.TokensConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Tokens for a signed-in agent's console: one that stands in for its password over REST, so the console never
 * keeps the password, and short-lived ones for its own channels, so it never puts anything long-lived on a
 * WebSocket. Signing out revokes the console's token on the server; an agent left with no console leaves its
 * conversations ({@link SigningOut}).
 */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class TokenResource {

    private final TokenService tokens;
    private final SecurityIdentity identity;
    private final SystemConfig config;
    private final TokensConfig tokensConfig;
    private final TokenRevocations revocations;
    private final SigningOut signingOut;

    public TokenResource(TokenService tokens, SecurityIdentity identity, SystemConfig config,
            TokensConfig tokensConfig, TokenRevocations revocations, SigningOut signingOut) {
        this.signingOut = signingOut;
        this.tokens = tokens;
        this.identity = identity;
        this.config = config;
        this.tokensConfig = tokensConfig;
        this.revocations = revocations;
    }

    /** The console's REST credential, sent as {@code Authorization: Bearer}; {@code agent} is who it acts as. */
    public record ConsoleToken(String agent, String token, Instant expiresAt) {
    }

    @POST
    @Path("console")
    @RolesAllowed("agent")
    @Operation(summary = "Sign a console in: a token that acts as this agent over REST (parley.tokens.console-ttl), "
            + "asked for with the agent's own sign-in (HTTP Basic or OpenID Connect), not with a console token")
    public Uni<Response> console() {
        if (TokenIdentityProvider.signedInByConsoleToken(identity)) {
            throw new ProblemException(Problem.of(403, "sign-in-required",
                    "a console token does not make another: sign in with the agent's own credentials"));
        }
        EndpointRef agent = EndpointRef.csr(identity.getPrincipal().getName());
        // Signed out in this very second: the new token is issued from the next one, so that it is accepted.
        return revocations.untilAccepted(agent).map(ready -> {
            IssuedToken issued = tokens.issueConsole(agent, tokensConfig.consoleTtl());
            return Response.ok(new ConsoleToken(agent.id(), issued.token(), issued.expiresAt()))
                    .header("Cache-Control", "no-store").build();
        });
    }

    @DELETE
    @Path("console")
    @RolesAllowed("agent")
    @Operation(summary = "Sign a console out: its console token (the bearer of this request) is refused from now on, "
            + "on every replica, and so are the endpoint tokens it was traded for (their sockets close with 4403); "
            + "an agent with no other console connected leaves its conversations at once (its legs end, code "
            + "signed-out: a routed customer waits for the next agent, a direct session ends)")
    public Uni<Response> signOut() {
        EndpointGrant grant = TokenIdentityProvider.consoleToken(identity).orElseThrow(() -> new ProblemException(
                Problem.of(400, "console-token-required",
                        "sign out with the console token to revoke, sent as Authorization: Bearer")));
        return revocations.revoke(Revocation.Token.of(grant), grant.endpoint() + " signed out of a console")
                .chain(() -> signingOut.consoleSignedOut(grant.endpoint().id()))
                .replaceWith(Response.noContent().build());
    }

    /** A token for {@code /ws/endpoint}, offered as the {@code parley.token.<token>} subprotocol. */
    public record EndpointToken(String endpoint, String token, Instant expiresAt, String url) {
    }

    @POST
    @Path("endpoint")
    @RolesAllowed("agent")
    @Operation(summary = "A short-lived token for the agent's standing endpoint channel (/ws/endpoint)")
    public Uni<EndpointToken> endpoint() {
        EndpointRef agent = EndpointRef.csr(identity.getPrincipal().getName());
        Optional<EndpointGrant> console = TokenIdentityProvider.consoleToken(identity);
        return revocations.untilAccepted(agent).map(ready -> {
            IssuedToken issued = tokens.issueEndpoint(agent);
            // Traded for a console token: that console's sign-out ends this token and closes its socket.
            console.ifPresent(consoleToken -> revocations.traded(consoleToken, new EndpointGrant(TokenKind.ENDPOINT,
                    agent, issued.id(), issued.issuedAt(), issued.expiresAt())));
            String base = config.publicUrl().toString().replaceFirst("^http", "ws");
            return new EndpointToken(agent.toString(), issued.token(), issued.expiresAt(),
                    base.replaceAll("/$", "") + "/ws/endpoint");
        });
    }
}
