package io.parley.api;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
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
import io.parley.transport.IssuedToken;
import io.parley.transport.TokenService;
import io.parley.transport.TokensConfig;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Tokens for a signed-in agent's console: one that stands in for its password over REST, so the console never
 * keeps the password, and short-lived ones for its own channels, so it never puts anything long-lived on a
 * WebSocket.
 */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class TokenResource {

    private final TokenService tokens;
    private final SecurityIdentity identity;
    private final SystemConfig config;
    private final TokensConfig tokensConfig;

    public TokenResource(TokenService tokens, SecurityIdentity identity, SystemConfig config,
            TokensConfig tokensConfig) {
        this.tokens = tokens;
        this.identity = identity;
        this.config = config;
        this.tokensConfig = tokensConfig;
    }

    /** The console's REST credential, sent as {@code Authorization: Bearer}; {@code agent} is who it acts as. */
    public record ConsoleToken(String agent, String token, Instant expiresAt) {
    }

    @POST
    @Path("console")
    @RolesAllowed("agent")
    @Operation(summary = "Sign a console in: a token that acts as this agent over REST (parley.tokens.console-ttl), "
            + "asked for with the agent's own sign-in (HTTP Basic or OpenID Connect), not with a console token")
    public Response console() {
        if (TokenIdentityProvider.signedInByConsoleToken(identity)) {
            throw new ProblemException(Problem.of(403, "sign-in-required",
                    "a console token does not make another: sign in with the agent's own credentials"));
        }
        EndpointRef agent = EndpointRef.csr(identity.getPrincipal().getName());
        IssuedToken issued = tokens.issueConsole(agent, tokensConfig.consoleTtl());
        return Response.ok(new ConsoleToken(agent.id(), issued.token(), issued.expiresAt()))
                .header("Cache-Control", "no-store").build();
    }

    /** A token for {@code /ws/endpoint}, offered as the {@code parley.token.<token>} subprotocol. */
    public record EndpointToken(String endpoint, String token, Instant expiresAt, String url) {
    }

    @POST
    @Path("endpoint")
    @RolesAllowed("agent")
    @Operation(summary = "A short-lived token for the agent's standing endpoint channel (/ws/endpoint)")
    public EndpointToken endpoint() {
        EndpointRef agent = EndpointRef.csr(identity.getPrincipal().getName());
        IssuedToken issued = tokens.issueEndpoint(agent);
        String base = config.publicUrl().toString().replaceFirst("^http", "ws");
        return new EndpointToken(agent.toString(), issued.token(), issued.expiresAt(),
                base.replaceAll("/$", "") + "/ws/endpoint");
    }
}
