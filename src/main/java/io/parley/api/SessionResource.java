package io.parley.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.agent.AgentNames;
import io.parley.api.security.Callers;
import io.parley.api.security.ClientAddress;
import io.parley.chat.ChatMessage;
import io.parley.session.EndpointRef;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.parley.session.Supervision;
import io.parley.session.TransferMode;
import io.parley.session.WireName;
import io.parley.system.Outcome;
import io.parley.system.SystemConfig;
import io.parley.system.change.Change;
import io.parley.system.change.Joined;
import io.parley.system.change.ServiceSystem;
import io.parley.system.reads.SessionReads;
import io.parley.system.store.LoggedEvent;
import io.parley.transport.JoinLink;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Service-sessions: every request form of README's "How it works". The caller is who its credentials say. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class SessionResource {

    private final ServiceSystem system;
    private final SessionReads reads;
    private final Callers callers;
    private final SecurityIdentity identity;
    private final AgentNames names;

    /** Where endpoints reach this service: links and channel URLs never come from the Host header. */
    @Inject
    SystemConfig config;

    /** Retries answered once ({@code Idempotency-Key}), and what callers without an account may start. */
    @Inject
    Idempotency idempotency;
    @Inject
    StartLimits limits;
    @Inject
    HttpServerRequest http;
    /** The transcript's pages, bounded in bytes. */
    @Inject
    TranscriptPaging transcriptPaging;

    public SessionResource(ServiceSystem system, SessionReads reads, Callers callers, SecurityIdentity identity,
            AgentNames names) {
        this.system = system;
        this.reads = reads;
        this.callers = callers;
        this.identity = identity;
        this.names = names;
    }

    @POST
    @Operation(summary = "Start a session, or join the open session for a subject",
            description = "201 with a new session, 200 when an existing subject session was joined. A caller "
                    + "without credentials becomes a visitor and receives a visitor token.")
    public Uni<Response> start(@HeaderParam(Idempotency.HEADER) String key, SessionBodies.Start body) {
        if (body == null || body.service() == null || body.service().isBlank()) {
            throw ProblemException.invalid("service: required");
        }
        Optional<Requester> requester = callers.requester(identity, onBehalfOf(body.onBehalfOf()));
        Optional<Requester> self = callers.requester(identity, Optional.empty());
        limits.admitRate(self, address());
        return idempotency.once(key, scope(self), "POST /api/sessions", body, () -> limits.admitOpen(self)
                .chain(() -> system.start(requester, body.service(), subject(body.subject()),
                        EndpointBody.refOrNull(body.with(), "with"), body.page() == null ? null : body.page().toPage(),
                        base()))
                .map(outcome -> joined(outcome, requester.isPresent() && requester.get().isStaff())));
    }

    @GET
    @Operation(summary = "List sessions (operators and supervisors see all; an agent those it is or was in or was "
            + "offered; a customer its own)")
    public Uni<List<SessionView>> list(@QueryParam("service") String service, @QueryParam("state") String state) {
        Requester by = caller();
        Optional<SessionState> filter = Optional.ofNullable(state).map(value -> {
            try {
                return SessionState.fromWire(value);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("state: " + e.getMessage());
            }
        });
        return reads.list(by, Optional.ofNullable(service), filter)
                .map(sessions -> sessions.stream()
                        .map(s -> SessionView.of(s, by.endpoint(), by.isStaff(), names::nameOf)).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A session's roster: legs with endpoint, role, state and per-channel connection state")
    public Uni<SessionView> get(@PathParam("id") String id) {
        Requester by = caller();
        return reads.find(by, sessionId(id))
                .map(outcome -> SessionView.of(ProblemException.valueOf(outcome), by.endpoint(),
                        by.isStaff(), names::nameOf));
    }

    @POST
    @Path("{id}/legs")
    @Operation(summary = "Join the session (no endpoint or subject), or invite an endpoint or whoever fits a subject")
    public Uni<Response> legs(@HeaderParam(Idempotency.HEADER) String key, @PathParam("id") String id,
            SessionBodies.Legs body) {
        SessionBodies.Legs legs = body == null ? new SessionBodies.Legs(null, null, null) : body;
        Requester by = requester(legs.onBehalfOf());
        UUID session = sessionId(id);
        if (legs.endpoint() == null && legs.subject() == null) {
            return once(key, "legs", id, legs, () -> system.join(by, session, base())
                    .map(outcome -> joined(outcome, by.isStaff())));
        }
        EndpointRef endpoint = EndpointBody.refOrNull(legs.endpoint(), "endpoint");
        String subject = subject(legs.subject());
        return once(key, "legs", id, legs, () -> system.invite(by, session, endpoint, subject, base())
                .map(outcome -> {
                    ChangeView view = changeView(outcome, by, names::nameOf);
                    String joinUrl = system.invitedCustomerLink(ProblemException.valueOf(outcome), by, base())
                            .map(JoinLink::url)
                            .orElse(null);
                    return Response.status(Response.Status.CREATED).entity(view.withJoinUrl(joinUrl)).build();
                }));
    }

    @POST
    @Path("{id}/legs/{legId}/link")
    @Operation(summary = "A fresh join link for an invited customer's leg (CSRs in the session, operators)",
            description = "The customer opens the link (GET /join/{token}) to get the join page with its connection "
                    + "details; it works while the leg is still in the open session.")
    public Uni<LinkView> link(@PathParam("id") String id, @PathParam("legId") String legId,
            SessionBodies.Acting body) {
        Requester by = requester(body == null ? null : body.onBehalfOf());
        return system.joinLink(by, sessionId(id), legId, base())
                .map(outcome -> LinkView.of(ProblemException.valueOf(outcome)));
    }

    @DELETE
    @Path("{id}/legs/{legId}")
    @Operation(summary = "Leave (one's own leg) or remove a leg (operators)")
    public Uni<Response> removeLeg(@PathParam("id") String id, @PathParam("legId") String legId,
            @QueryParam("onBehalfOf") String onBehalfOf) {
        Requester by = requester(parseEndpoint(onBehalfOf));
        return system.request(sessionId(id), new Request.RemoveLeg(by, legId), base())
                .map(outcome -> changed(outcome, by, Response.Status.OK));
    }

    @POST
    @Path("{id}/end")
    @Operation(summary = "End the session for everybody")
    public Uni<Response> end(@HeaderParam(Idempotency.HEADER) String key, @PathParam("id") String id,
            SessionBodies.Acting body) {
        Requester by = requester(body == null ? null : body.onBehalfOf());
        UUID session = sessionId(id);
        return once(key, "end", id, body, () -> system.request(session, new Request.End(by), base())
                .flatMap(outcome -> endedBefore(outcome)
                        ? reads.find(by, session).map(found -> endedAlready(ProblemException.valueOf(found), by))
                        : Uni.createFrom().item(changed(outcome, by, Response.Status.OK))));
    }

    /** An end asked for again (a second click, a retry without a key): the session had ended already. */
    private static boolean endedBefore(Outcome<Change> outcome) {
        return outcome instanceof Outcome.Refused<Change> refused
                && refused.refusal().code() == Refusal.Code.SESSION_ENDED;
    }

    /** The ended session, as its requester may see it: a second end is answered as the first, not as an error. */
    private Response endedAlready(ServiceSession session, Requester by) {
        SessionView view = SessionView.of(session, by.endpoint(), by.isStaff(), names::nameOf);
        return Response.ok(new ChangeView(view, List.of(), "the session had already ended: " + session.endReason(),
                null)).build();
    }

    @POST
    @Path("{id}/supervision")
    @RolesAllowed(Callers.SUPERVISOR)
    @Operation(summary = "Monitor, whisper or barge in (supervisors): a leg of role supervisor and its connection "
            + "details; asked again with another mode, the same leg switches to it",
            description = "monitor: receives chat, page push and voice and sends nothing; whisper: also chat and voice "
                    + "that reach the session's staff only; barge: in openly, as a CSR. The customer sees neither a "
                    + "monitoring nor a whispering supervisor. A service may forbid each in allow.")
    public Uni<Response> supervise(@PathParam("id") String id, SessionBodies.Supervise body) {
        Supervision mode;
        try {
            mode = WireName.parse(Supervision.class, body == null ? null : body.mode());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("mode: " + e.getMessage());
        }
        Requester by = caller();
        return system.supervise(by, sessionId(id), mode, base()).map(outcome -> joined(outcome, true));
    }

    @POST
    @Path("{id}/take-over")
    @RolesAllowed(Callers.SUPERVISOR)
    @Operation(summary = "Take the session over (a supervisor who barged in): its leg becomes the CSR's and the "
            + "CSRs there leave")
    public Uni<Response> takeOver(@PathParam("id") String id) {
        Requester by = caller();
        return system.request(sessionId(id), new Request.TakeOver(by), base())
                .map(outcome -> changed(outcome, by, Response.Status.OK));
    }

    @POST
    @Path("{id}/conference")
    @Operation(summary = "Conference in a second CSR, named or picked for a subject",
            description = "Either is offered the session (with the note, if any, and the conversation so far); a "
                    + "named CSR who declines or does not answer ends the request, and the CSRs in the session are "
                    + "told on control ({\"type\":\"handover\",\"outcome\":\"declined\"}).")
    public Uni<Response> conference(@HeaderParam(Idempotency.HEADER) String key, @PathParam("id") String id,
            SessionBodies.Handover body) {
        SessionBodies.Handover handover = handover(body);
        Requester by = requester(handover.onBehalfOf());
        Request request = new Request.Conference(by, EndpointBody.refOrNull(handover.to(), "to"),
                subject(handover.subject()),
                SessionBodies.shortText(handover.note(), "note", SessionBodies.NOTE_LIMIT));
        UUID session = sessionId(id);
        return once(key, "conference", id, handover, () -> system.request(session, request, base())
                .map(outcome -> changed(outcome, by, Response.Status.ACCEPTED)));
    }

    @POST
    @Path("{id}/transfer")
    @Operation(summary = "Transfer the customer to a second CSR (warm or cold); the first leaves once the second "
            + "is connected: 202 while that is under way, 200 when the second was already in the session (consulted "
            + "in a conference) and the first has left",
            description = "A named CSR not in the session, or whoever fits a subject, is offered the customer first "
                    + "(with the note, if any, and the conversation so far); a named CSR who declines or does not "
                    + "answer ends the request and the first CSR keeps the customer.")
    public Uni<Response> transfer(@HeaderParam(Idempotency.HEADER) String key, @PathParam("id") String id,
            SessionBodies.Handover body) {
        SessionBodies.Handover handover = handover(body);
        Requester by = requester(handover.onBehalfOf());
        TransferMode mode;
        try {
            mode = handover.mode() == null ? TransferMode.COLD : TransferMode.fromWire(handover.mode());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("mode: " + e.getMessage());
        }
        Request request = new Request.Transfer(by, EndpointBody.refOrNull(handover.to(), "to"),
                subject(handover.subject()), mode,
                SessionBodies.shortText(handover.note(), "note", SessionBodies.NOTE_LIMIT));
        UUID session = sessionId(id);
        return once(key, "transfer", id, handover, () -> system.request(session, request, base())
                .map(outcome -> changed(outcome, by, handedOver(outcome) ? Response.Status.OK
                        : Response.Status.ACCEPTED)));
    }

    /** A transfer to a CSR already in the session completed at once: nothing is left under way. */
    private static boolean handedOver(Outcome<Change> outcome) {
        return outcome instanceof Outcome.Done<Change> done && done.value().session().pendingTransfer().isEmpty()
                && done.value().session().queued().isEmpty();
    }

    @DELETE
    @Path("{id}/handover")
    @Operation(summary = "Call off a conference or transfer under way (a wait for a subject, a second CSR who has "
            + "not joined)")
    public Uni<Response> cancelHandover(@PathParam("id") String id, @QueryParam("onBehalfOf") String onBehalfOf) {
        Requester by = requester(parseEndpoint(onBehalfOf));
        return system.request(sessionId(id), new Request.CancelHandover(by), base())
                .map(outcome -> changed(outcome, by, Response.Status.OK));
    }

    @GET
    @Path("{id}/transcript")
    @Operation(summary = "The chat transcript, a page at a time after a sequence number",
            description = "A page holds at most parley.limits.history-bytes of messages (and at least one); when "
                    + "more follow, it links to the next: Link: <…/transcript?after=SEQ>; rel=\"next\".")
    @APIResponse(responseCode = "200", description = "The page's messages, in order",
            headers = @Header(name = "Link", description = "The next page, when more follow"),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ChatView.class)))
    public Uni<Response> transcript(@PathParam("id") String id, @QueryParam("after") Long after) {
        Requester by = caller();
        UUID session = sessionId(id);
        return reads.transcript(by, session, after == null ? 0 : after)
                .map(outcome -> transcriptPaging.answer(session, ProblemException.valueOf(outcome)));
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The session's event log: every request, decision and change (CSRs and operators)")
    public Uni<List<LoggedEvent>> events(@PathParam("id") String id, @QueryParam("after") Long after) {
        Requester by = caller();
        return reads.events(by, sessionId(id), after == null ? 0 : after).map(ProblemException::valueOf);
    }

    // ----------------------------------------------------------------------------------------------

    /** A chat message as the API shows it. */
    public record ChatView(long seq, String legId, String role, String name, String text,
            Instant at, String clientId, Boolean coaching, Boolean note) {
        static ChatView of(ChatMessage message, boolean withClientId) {
            return new ChatView(message.seq(), message.senderLegId(), message.sender().kind().wire(),
                    message.senderName(), message.text(), message.sentAt(), withClientId ? message.clientId() : null,
                    message.coaching() ? Boolean.TRUE : null, message.note() ? Boolean.TRUE : null);
        }
    }

    /**
     * The answer to a request that changed a session: the session and the legs the change added; when it
     * invited a customer, {@code joinUrl} is the link to send it (absent otherwise).
     */
    public record ChangeView(SessionView session, List<SessionView.LegView> added, String decision,
            @JsonInclude(JsonInclude.Include.NON_NULL) String joinUrl) {

        ChangeView withJoinUrl(String url) {
            return new ChangeView(session, added, decision, url);
        }
    }

    /** A join link: the URL to send the customer and when it stops working. */
    public record LinkView(String url, Instant expiresAt) {
        static LinkView of(JoinLink link) {
            return new LinkView(link.url(), link.expiresAt());
        }
    }

    /** A request on a session, answered once per {@code Idempotency-Key} of the caller's. */
    private Uni<Response> once(String key, String action, String id, Object body, Supplier<Uni<Response>> run) {
        return idempotency.once(key, scope(callers.requester(identity, Optional.empty())),
                "POST /api/sessions/" + id + "/" + action, body, run);
    }

    /** Whose keys a caller's are: its own endpoint, or, without credentials, its client address's. */
    private String scope(Optional<Requester> self) {
        return self.map(requester -> requester.endpoint().toString()).orElseGet(() -> "anonymous@" + address());
    }

    private String address() {
        return ClientAddress.of(http);
    }

    private Requester caller() {
        return callers.signedIn(identity);
    }

    private Requester requester(EndpointBody onBehalfOf) {
        return requester(onBehalfOf == null ? null : onBehalfOf.toRef("onBehalfOf"));
    }

    private Requester requester(EndpointRef onBehalfOf) {
        return callers.requester(identity, Optional.ofNullable(onBehalfOf))
                .orElseThrow(() -> new ProblemException(Problem.of(401, "unauthenticated",
                        "sign in (HTTP Basic) or send your visitor token as Authorization: Bearer")));
    }

    private Optional<EndpointRef> onBehalfOf(EndpointBody body) {
        return Optional.ofNullable(body).map(b -> b.toRef("onBehalfOf"));
    }

    private static EndpointRef parseEndpoint(String text) {
        if (text == null) {
            return null;
        }
        try {
            return EndpointRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("onBehalfOf: " + e.getMessage());
        }
    }

    private static SessionBodies.Handover handover(SessionBodies.Handover body) {
        if (body == null) {
            throw ProblemException.invalid("body: name a CSR (to) or a subject");
        }
        return body;
    }

    private static String subject(String subject) {
        if (subject != null && (subject.isBlank() || subject.length() > 128)) {
            throw ProblemException.invalid("subject: 1 to 128 characters");
        }
        return subject;
    }

    static UUID sessionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(404, "session-not-found", "no session " + id));
        }
    }

    private URI base() {
        return config.publicUrl();
    }

    private Response joined(Outcome<Joined> outcome, boolean staff) {
        Joined joined = ProblemException.valueOf(outcome);
        return Response.status(joined.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(Joining.of(joined, staff, names::nameOf)).build();
    }

    private Response changed(Outcome<Change> outcome, Requester by, Response.Status status) {
        return Response.status(status).entity(changeView(outcome, by, names::nameOf)).build();
    }

    /** A change as its requester may see it, or the refusal as a problem. */
    static ChangeView changeView(Outcome<Change> outcome, Requester by, Function<EndpointRef, String> names) {
        Change change = ProblemException.valueOf(outcome);
        SessionView view = SessionView.of(change.session(), by.endpoint(), by.isStaff(), names);
        List<SessionView.LegView> added = view.legs().stream()
                .filter(leg -> change.addedLegs().stream().anyMatch(a -> a.id().equals(leg.id())))
                .toList();
        return new ChangeView(view, added, change.explanation(), null);
    }
}
