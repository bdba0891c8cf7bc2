package io.parley.api;

import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.api.security.Callers;
import io.parley.system.reads.Ratings;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A customer rates a conversation an agent served (the widget asks at its end). */
@Path("/api/sessions/{id}/rating")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class RatingResource {

    /**
     * {@code score} a whole number 1 to 5 (read as sent: 2.5 or "5" are refused, not rounded or converted);
     * {@code comment} optional, at most 1,000 characters.
     */
    public record RatingBody(JsonNode score, String comment) {
    }

    public record RatingView(String sessionId, int score, String comment, Instant at) {
    }

    private final Ratings ratings;
    private final Callers callers;
    private final SecurityIdentity identity;

    public RatingResource(Ratings ratings, Callers callers, SecurityIdentity identity) {
        this.ratings = ratings;
        this.callers = callers;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Rate the conversation, 1 to 5 with an optional comment (its customer, once an agent has "
            + "been in it): 201, or 200 when it replaces the customer's earlier rating")
    public Uni<Response> rate(@PathParam("id") String id, RatingBody body) {
        Integer score = body == null || body.score() == null || !body.score().isInt() ? null : body.score().intValue();
        Optional<String> invalid = body == null ? Optional.of("body: {score, comment?}")
                : Ratings.problem(score, body.comment());
        if (invalid.isPresent()) {
            throw ProblemException.invalid(invalid.get());
        }
        return ratings.rate(callers.signedIn(identity), SessionResource.sessionId(id), score, body.comment())
                .map(ProblemException::valueOf)
                .map(rating -> Response.status(rating.replaced() ? Response.Status.OK : Response.Status.CREATED)
                        .entity(new RatingView(rating.sessionId(), rating.score(), rating.comment(), rating.at()))
                        .build());
    }
}
