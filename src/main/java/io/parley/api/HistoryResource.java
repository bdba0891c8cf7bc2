package io.parley.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.agent.AgentNames;
import io.parley.api.security.Callers;
import io.parley.session.LegRole;
import io.parley.session.ServiceSession;
import io.parley.system.reads.CustomerHistory;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A returning customer's earlier conversations with the service, for the staff serving it now. */
@Path("/api/sessions/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class HistoryResource {

    /** An earlier session: when, about what, how it ended, and who served it. */
    public record EarlierView(String id, String subject, String state, Instant createdAt, Instant endedAt,
            String endReason, List<String> csrs) {

        static EarlierView of(ServiceSession session, AgentNames names) {
            return new EarlierView(session.id(), session.subject(), session.state().wire(), session.createdAt(),
                    session.endedAt(), session.endReason(), session.legs().stream()
                            .filter(leg -> leg.role() == LegRole.CSR).map(leg -> names.nameOf(leg.endpoint()))
                            .distinct().toList());
        }
    }

    private final CustomerHistory history;
    private final Callers callers;
    private final SecurityIdentity identity;
    private final AgentNames names;
    private final TranscriptPaging paging;

    public HistoryResource(CustomerHistory history, Callers callers, SecurityIdentity identity, AgentNames names,
            TranscriptPaging paging) {
        this.history = history;
        this.callers = callers;
        this.identity = identity;
        this.names = names;
        this.paging = paging;
    }

    @GET
    @Operation(summary = "The customer's earlier sessions with this service, newest first (staff who may read this "
            + "session): found by its visitor id or the customer reference it was named with")
    public Uni<List<EarlierView>> list(@PathParam("id") String id) {
        return history.of(callers.signedIn(identity), SessionResource.sessionId(id))
                .map(outcome -> ProblemException.valueOf(outcome).stream()
                        .map(session -> EarlierView.of(session, names)).toList());
    }

    @GET
    @Path("{earlier}/transcript")
    @Operation(summary = "An earlier session's transcript, a page at a time, read through the session served now")
    public Uni<Response> transcript(@PathParam("id") String id, @PathParam("earlier") String earlier,
            @QueryParam("after") Long after) {
        UUID session = SessionResource.sessionId(id);
        UUID earlierId = SessionResource.sessionId(earlier);
        return history.transcript(callers.signedIn(identity), session, earlierId, after == null ? 0 : after)
                .map(outcome -> paging.answer("api/sessions/" + session + "/history/" + earlierId + "/transcript",
                        ProblemException.valueOf(outcome)));
    }

}
