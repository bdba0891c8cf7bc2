package io.parley.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.agent.Agent;
import io.parley.agent.AgentProfile;
import io.parley.agent.AgentService;
import io.parley.agent.Presence;
import io.parley.system.agents.AgentDesk;
import io.parley.system.agents.AgentDirectory;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The agent directory. Agents and operators read it; operators change it (and remove agents from it); an agent
 * sets its own presence.
 */
@Path("/api/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents")
public class AgentResource {

    private final AgentService agents;
    private final AgentDesk desk;
    private final AgentDirectory directory;
    private final SecurityIdentity identity;

    public AgentResource(AgentService agents, AgentDesk desk, AgentDirectory directory, SecurityIdentity identity) {
        this.agents = agents;
        this.desk = desk;
        this.directory = directory;
        this.identity = identity;
    }

    /**
     * An agent on the wire: its profile, the presence it set, and its state now (available, busy,
     * wrap-up, away, offline) with the sessions it is in.
     */
    public record AgentView(String id, String name, Map<String, Integer> skills, int maxSessions, String presence,
            Instant presenceSince, String state, int activeSessions, Instant idleSince, Instant wrapUpUntil,
            int missedOffers, Duration talkTime) {
        static AgentView of(AgentDesk.AgentStatus status) {
            Agent agent = status.agent();
            return new AgentView(agent.id(), agent.displayName(), agent.skills(), agent.maxSessions(),
                    agent.presence().wire(), agent.presenceSince(), status.state().wire(), status.activeSessions(),
                    agent.idleSince(), agent.wrapUpUntil(), agent.missedOffers(), agent.talkTime());
        }
    }

    /** An agent's state change. */
    public record AgentEventView(Instant at, String state, String reason) {
    }

    /** {@code PUT /api/agents/{id}}. */
    public record AgentBody(String name, Map<String, Integer> skills, Integer maxSessions) {
    }

    /** {@code PUT /api/agents/{id}/presence}. */
    public record PresenceBody(String presence) {
    }

    @GET
    @RolesAllowed({"agent", "operator"})
    @Operation(summary = "Every agent with skills, capacity and presence")
    public Uni<List<AgentView>> list() {
        return desk.list().map(all -> all.stream().map(AgentView::of).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"agent", "operator"})
    @Operation(summary = "One agent, with its state now")
    public Uni<AgentView> get(@PathParam("id") String id) {
        return desk.find(id).map(found -> found.map(AgentView::of).orElseThrow(() -> notFound(id)));
    }

    @GET
    @Path("{id}/events")
    @RolesAllowed({"agent", "operator"})
    @Operation(summary = "An agent's state changes, newest first (a removed agent's too)")
    public Uni<List<AgentEventView>> events(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return agents.known(id).flatMap(known -> {
            if (!known) {
                throw notFound(id);
            }
            return desk.events(id, max).map(events -> events.stream()
                    .map(e -> new AgentEventView(e.at(), e.state().wire(), e.reason())).toList());
        });
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("operator")
    @Operation(summary = "Create or replace an agent's profile (name, skills 1-10, maximum sessions)")
    public Uni<AgentView> put(@PathParam("id") String id, AgentBody body) {
        if (!id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw ProblemException.invalid("id: lower-case letters, digits, '.', '_' and '-', at most 64");
        }
        if (body == null) {
            throw ProblemException.invalid("body: name, skills and maxSessions");
        }
        AgentProfile profile = new AgentProfile(body.name(), body.skills() == null ? Map.of() : body.skills(),
                body.maxSessions() == null ? 3 : body.maxSessions());
        List<String> problems = profile.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(String.join("; ", problems));
        }
        return directory.put(id, profile, identity.getPrincipal().getName()).flatMap(ignored -> desk.find(id))
                .map(found -> found.map(AgentView::of).orElseThrow(() -> notFound(id)));
    }

    /** What removing an agent did: when, and the open sessions it was taken out of. */
    public record RemovalView(String id, String name, Instant removedAt, List<String> sessions) {
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("operator")
    @Operation(summary = "Remove an agent from the directory",
            description = "It is no longer listed or offered sessions; its console and endpoint tokens are refused "
                    + "and its consoles close (4403) on every replica; its open offers are withdrawn and its legs "
                    + "end, so its customers go back to the queue (routed) or their sessions end (direct). A retry "
                    + "answers the same; PUT adds it back. Configuration does not add a removed agent again.")
    public Uni<RemovalView> remove(@PathParam("id") String id) {
        return directory.remove(id, identity.getPrincipal().getName()).map(found -> found
                .map(removal -> new RemovalView(removal.agentId(), removal.name(), removal.removedAt(),
                        removal.sessions()))
                .orElseThrow(() -> notFound(id)));
    }

    @PUT
    @Path("{id}/presence")
    @RolesAllowed({"agent", "operator"})
    @Operation(summary = "Set an agent's presence: available, away or offline",
            description = "An operator setting an agent offline signs it out: its consoles' standing channels close "
                    + "(code 4403) on every replica.")
    public Uni<AgentView> presence(@PathParam("id") String id, PresenceBody body) {
        if (!identity.hasRole("operator") && !identity.getPrincipal().getName().equals(id)) {
            throw new ProblemException(Problem.of(403, "not-permitted", "an agent sets only its own presence"));
        }
        Presence presence;
        try {
            presence = Presence.fromWire(body == null ? null : body.presence());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("presence: " + e.getMessage());
        }
        boolean operatorSignsOut = presence == Presence.OFFLINE && identity.hasRole("operator")
                && !identity.getPrincipal().getName().equals(id);
        return (operatorSignsOut ? desk.signOut(id, identity.getPrincipal().getName()) : desk.setPresence(id, presence))
                .map(found -> found.map(AgentView::of).orElseThrow(() -> notFound(id)));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(Problem.of(404, "agent-not-found", "no agent " + id));
    }
}
