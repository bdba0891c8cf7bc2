package io.parley.api;

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

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure into {@code application/problem+json} with a stable code. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
