package io.parley.api;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import io.parley.session.Refusal;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail with Parley's stable {@code code}. Every error the API returns has this
 * shape, as {@code application/problem+json}.
 */
// Native image: written by Jackson as a Response entity (exception mappers), never a declared return type.
@RegisterForReflection
public record Problem(URI type, String title, int status, String code, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String detail) {
        return new Problem(URI.create("https://parley.dev/problems/" + code), titleOf(code), status, code, detail);
    }

    public static Problem of(Refusal refusal) {
        int status = switch (refusal.code().kind()) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case GONE -> 410;
            case UNAVAILABLE -> 503;
        };
        return of(status, refusal.code().wire(), refusal.detail());
    }

    public Response toResponse() {
        // A draining node: try again (through the load balancer, another replica answers).
        return status == 503 ? toResponse(1) : Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** The answer, telling the client to try again in so many seconds ({@code Retry-After}). */
    public Response toResponse(long retryAfterSeconds) {
        return Response.status(status).type(MEDIA_TYPE).entity(this).header("Retry-After", retryAfterSeconds).build();
    }

    private static String titleOf(String code) {
        String words = code.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
