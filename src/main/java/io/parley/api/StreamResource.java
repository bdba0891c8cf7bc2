package io.parley.api;

import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.system.stream.EventStream;
import io.parley.system.stream.StreamItem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;

/**
 * The live event stream for supervisors and operators: Server-Sent Events, resumable. Agents follow their own
 * sessions and offers on their console's socket.
 */
@Path("/api/stream")
@Tag(name = "Stream")
public class StreamResource {

    /**
     * One entry: {@code session} (with its {@code service} and {@code seq}) for a session's event log, or
     * {@code agent} for an agent's state change; {@code data} as in the event log.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection // Native image: written by Jackson outside REST return values.
    public record EntryView(String session, String agent, String service, Long seq, String type, Instant at,
            String actor, @JsonRawValue String data) {

        static EntryView of(StreamItem.Entry entry) {
            return switch (entry.kind()) {
                case SESSION -> new EntryView(entry.subject(), null, entry.service(), entry.seq(), entry.type(),
                        entry.at(), entry.actor(), entry.data());
                case AGENT -> new EntryView(null, entry.subject(), null, null, entry.type(), entry.at(), null,
                        entry.data());
            };
        }
    }

    /** Sent instead of what was missed when it was too much: load what is shown again. */
    @RegisterForReflection
    public record ResetView(String code, String reason) {
    }

    /** An agent's state now, on the agents' stream: whom a console may ask to join or take over (not why). */
    @RegisterForReflection // Native image: written by Jackson outside REST return values.
    public record AgentStateView(String agent, String state, Instant at) {
    }

    private final EventStream stream;
    private final ObjectMapper json;

    public StreamResource(EventStream stream, ObjectMapper json) {
        this.stream = stream;
        this.json = json;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({"supervisor", "operator"})
    @Operation(summary = "Session, queue, offer and agent-state changes as they happen (Server-Sent Events: "
            + "session, agent, reset); resume with Last-Event-ID (or ?after=) set to the last event's id")
    public Multi<OutboundSseEvent> follow(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") String after) {
        Optional<StreamItem.Position> from = resumeFrom(lastEventId != null ? lastEventId : after);
        return stream.follow(from).map(item -> event(sse, item));
    }

    @GET
    @Path("agents")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({"agent", "supervisor", "operator"})
    @Operation(summary = "Agents' states as they change (Server-Sent Events: agent {agent, state, at}, reset), for "
            + "consoles listing whom to ask to join or take over; the reasons stay with supervisors' stream. Resume "
            + "as with the whole stream")
    public Multi<OutboundSseEvent> agents(@Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") String after) {
        Optional<StreamItem.Position> from = resumeFrom(lastEventId != null ? lastEventId : after);
        return stream.follow(from)
                .filter(item -> !(item instanceof StreamItem.Entry entry) || entry.kind() == StreamItem.Kind.AGENT)
                .map(item -> switch (item) {
                    case StreamItem.Entry entry -> sse.newEventBuilder().id(entry.id()).name("agent")
                            .data(write(new AgentStateView(entry.subject(), stateOf(entry), entry.at()))).build();
                    case StreamItem.Reset reset -> event(sse, reset);
                    case StreamItem.Heartbeat heartbeat -> event(sse, heartbeat);
                });
    }

    private String stateOf(StreamItem.Entry entry) {
        try {
            return json.readTree(entry.data()).path("state").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An agent event's data is not JSON", e);
        }
    }

    /** A position this stream gave; anything else is refused, as a client that resumes must not start over quietly. */
    private static Optional<StreamItem.Position> resumeFrom(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(StreamItem.Position.parse(text.strip()).orElseThrow(() -> ProblemException.invalid(
                "Last-Event-ID: not an id of this stream")));
    }

    private OutboundSseEvent event(Sse sse, StreamItem item) {
        return switch (item) {
            case StreamItem.Entry entry -> sse.newEventBuilder().id(entry.id()).name(entry.kind().wire())
                    .data(write(EntryView.of(entry))).build();
            case StreamItem.Reset reset -> sse.newEventBuilder().name("reset")
                    .data(write(new ResetView("stream-reset", reset.reason()))).build();
            case StreamItem.Heartbeat heartbeat -> sse.newEventBuilder().comment("heartbeat").build();
        };
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stream entry could not be written", e);
        }
    }
}
