package io.parley.api;

import java.util.Map;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.parley.api.security.EndpointAugmentor;
import io.parley.api.security.TokenIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Turns every failure into {@code application/problem+json} with a stable code. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Why a token (or a sign-in) was refused, by the code the check gave. */
    private static final Map<String, String> TOKEN_REFUSALS = Map.of(
            TokenIdentityProvider.REVOKED, "the token was revoked (signed out, or its agent removed): sign in again",
            EndpointAugmentor.REMOVED, "this agent was removed from the directory",
            "token-expired", "the token has expired: sign in again",
            "token-forged", "the token's signature does not match",
            "token-malformed", "the token is malformed",
            "token-wrong-type", "this kind of token is not accepted here");

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response tooDeep(StreamConstraintsException e) {
        return Problem.of(400, "json-too-large", e.getOriginalMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                : "[" + ref.getIndex() + "]").reduce((a, b) -> a + "." + b).orElse("body");
        String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        String code = e instanceof InvalidFormatException ? "invalid-value" : "invalid-field-type";
        return Problem.of(400, code, field + ": expected " + expected).toResponse();
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return Problem.of(400, "malformed-json", e.getOriginalMessage()).toResponse();
    }

    /**
     * A credential was presented and refused: 401 with the mechanism's challenge, and a problem whose code says
     * why when that helps the client (a revoked or expired token, an agent removed from the directory); any
     * other refusal (a wrong password) is {@code unauthenticated}.
     */
    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext context) {
        String why = e.getMessage();
        String code = why != null && TOKEN_REFUSALS.containsKey(why) ? why : "unauthenticated";
        Problem problem = Problem.of(401, code,
                TOKEN_REFUSALS.getOrDefault(code, "credentials are missing or invalid"));
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().item(new ChallengeData(401))
                : authenticator.getChallenge(context).onFailure().recoverWithItem(new ChallengeData(401));
        return challenge.map(data -> {
            Response.ResponseBuilder response = Response.status(401).type(Problem.MEDIA_TYPE).entity(problem);
            data.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
            return response.build();
        });
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return Problem.of(401, "unauthenticated", "credentials are missing or invalid").toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "not-permitted", "your role does not allow this").toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (e) {
            case NotFoundException nf -> "not-found";
            case NotAllowedException na -> "method-not-allowed";
            case NotSupportedException ns -> "unsupported-media-type";
            case NotAuthorizedException nauth -> "unauthenticated";
            default -> status >= 500 ? "internal-error" : "invalid-request";
        };
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        return Problem.of(status, code, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return Problem.of(500, "internal-error", "an unexpected error occurred; it has been logged").toResponse();
    }
}
