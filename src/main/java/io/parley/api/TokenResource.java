package io.parley.api;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.session.EndpointRef;
import io.parley.system.SystemConfig;
import io.parley.transport.IssuedToken;
import io.parley.transport.TokenService;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Short-lived tokens for a signed-in agent's own channels, so that a console never puts its password
 * (or anything long-lived) on a WebSocket.
 */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens")
public class TokenResource {

    private final TokenService tokens;
    private final SecurityIdentity identity;
    private final SystemConfig config;

    public TokenResource(TokenService tokens, SecurityIdentity identity, SystemConfig config) {
        this.tokens = tokens;
        this.identity = identity;
        this.config = config;
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
