package io.parley.api;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.system.routing.Wallboard;
import io.smallrye.mutiny.Uni;

/** The floor at a glance, for supervisors and operators: what {@code /console/wallboard} and the CLI show. */
@Path("/api/wallboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stream")
public class WallboardResource {

    /** {@code services}: each service's figures as {@code /api/services/{id}/stats} answers them. */
    public record BoardView(Instant at, List<ServiceResource.StatsView> services, List<AgentOnBoardView> agents,
            List<Wallboard.Waiting> waiting) {
    }

    /** An agent: its state, load and the sessions it is in (as {@code csr}, or as a {@code supervisor}). */
    public record AgentOnBoardView(String id, String name, String state, int activeSessions, int maxSessions,
            List<Wallboard.Engaged> sessions) {
    }

    private final Wallboard wallboard;

    public WallboardResource(Wallboard wallboard) {
        this.wallboard = wallboard;
    }

    @GET
    @RolesAllowed({"supervisor", "operator"})
    @Operation(summary = "Every service's figures (waiting, longest wait, agents by state, service level, abandon rate,"
            + " average handling), every agent with its state and sessions, and who waits")
    public Uni<BoardView> now() {
        return wallboard.now().map(board -> new BoardView(board.at(), board.services().stream()
                .map(ServiceResource.StatsView::of).toList(),
                board.agents().stream().map(agent -> new AgentOnBoardView(agent.id(), agent.name(),
                        agent.state().wire(), agent.activeSessions(), agent.maxSessions(), agent.sessions())).toList(),
                board.waiting()));
    }
}
