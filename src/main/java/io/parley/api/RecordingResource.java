package io.parley.api;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.api.security.Callers;
import io.parley.system.recording.RecordingService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A session's voice recordings, for its CSRs and for operators (services with {@code voice.record}). */
@Path("/api/sessions/{id}/recordings")
@Tag(name = "Sessions")
public class RecordingResource {

    private final RecordingService recordings;
    private final Callers callers;
    private final SecurityIdentity identity;

    public RecordingResource(RecordingService recordings, Callers callers, SecurityIdentity identity) {
        this.recordings = recordings;
        this.callers = callers;
        this.identity = identity;
    }

    /**
     * One recorded file: a leg's voice in one codec ({@code opus}: Ogg Opus, {@code pcm}: WAV). {@code endedAt}
     * is null while it is being written.
     */
    public record RecordingView(String legId, String endpoint, String codec, String file, long bytes, long frames,
            Instant startedAt, Instant endedAt) {

        static RecordingView of(RecordingService.Recording r) {
            return new RecordingView(r.legId(), r.endpoint(), r.codec(), r.file(), r.bytes(), r.frames(),
                    r.startedAt(), r.endedAt());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The session's voice recordings: one file per leg and codec (CSRs of the session, operators)")
    public Uni<List<RecordingView>> list(@PathParam("id") String id) {
        return recordings.list(callers.signedIn(identity), SessionResource.sessionId(id))
                .map(outcome -> ProblemException.valueOf(outcome).stream().map(RecordingView::of).toList());
    }

    @GET
    @Path("{file}")
    @Produces({"audio/ogg", "audio/wav"})
    @Operation(summary = "One recording's file, by the name the list gives: audio/ogg (Ogg Opus) or audio/wav")
    public Uni<Response> file(@PathParam("id") String id, @PathParam("file") String file) {
        return recordings.file(callers.signedIn(identity), SessionResource.sessionId(id), file).map(outcome -> {
            RecordingService.RecordingFile found = ProblemException.valueOf(outcome);
            return Response.ok(found.path()).type(found.mediaType())
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
        });
    }

}
