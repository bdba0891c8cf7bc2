package io.parley.api;

import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.api.security.Callers;
import io.parley.chat.ChatMessage;
import io.parley.session.Requester;
import io.parley.system.chat.PrivateNotes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Private notes of staff on a session, over REST (the CLI, scripts); a console writes them on its chat socket. */
@Path("/api/sessions/{id}/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class NoteResource {

    /** {@code clientId}: optional; the same one again is not stored twice (a retry). */
    public record NoteBody(String text, String clientId) {
    }

    private final PrivateNotes notes;
    private final Callers callers;
    private final SecurityIdentity identity;

    public NoteResource(PrivateNotes notes, Callers callers, SecurityIdentity identity) {
        this.notes = notes;
        this.callers = callers;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Write a private note in the session (staff with a leg in it): kept with the transcript for "
            + "staff only, never sent to a customer or shown in a customer's transcript")
    public Uni<Response> write(@PathParam("id") String id, NoteBody body) {
        Requester by = callers.signedIn(identity);
        Optional<String> invalid = ChatMessage.textProblem(body == null ? null : body.text())
                .or(() -> body.clientId() == null ? Optional.empty() : ChatMessage.clientIdProblem(body.clientId()));
        if (invalid.isPresent()) {
            throw ProblemException.invalid(invalid.get());
        }
        UUID session = SessionResource.sessionId(id);
        String clientId = body.clientId() != null ? body.clientId() : "rest-" + UUID.randomUUID();
        return notes.write(by, session, clientId, body.text()).map(ProblemException::valueOf)
                .map(posted -> Response.status(posted.duplicate() ? Response.Status.OK : Response.Status.CREATED)
                        .entity(SessionResource.ChatView.of(posted.message(), true)).build());
    }
}
