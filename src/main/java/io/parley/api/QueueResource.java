package io.parley.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.agent.AgentNames;
import io.parley.api.security.Callers;
import io.parley.system.SystemConfig;
import io.parley.system.change.ServiceSystem;
import io.parley.system.routing.QueueView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The queues as staff see them, and an agent picking a waiting customer (where the service allows it). */
@Path("/api/queue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Routing")
public class QueueResource {

    private final QueueView queue;
    private final ServiceSystem system;
    private final Callers callers;
    private final SecurityIdentity identity;
    private final SystemConfig config;
    private final AgentNames names;

    public QueueResource(QueueView queue, ServiceSystem system, Callers callers, SecurityIdentity identity,
            SystemConfig config, AgentNames names) {
        this.queue = queue;
        this.system = system;
        this.callers = callers;
        this.identity = identity;
        this.config = config;
        this.names = names;
    }

    @GET
    @RolesAllowed({"agent", "supervisor", "operator"})
    @Operation(summary = "Who waits for an agent: an agent's services whose subject it fits (with pickable, or why "
            + "not), every one for supervisors and operators; higher priority first, then longest waiting")
    public Uni<List<QueueView.Waiting>> list() {
        return queue.of(callers.signedIn(identity));
    }

    @POST
    @Path("{session}/pick")
    @RolesAllowed("agent")
    @Operation(summary = "Pick a waiting customer (an agent who fits, available with room, where the service's "
            + "allow.pick lets it): the agent's leg and connection details, as an accepted offer gives")
    public Uni<Joining> pick(@PathParam("session") String session) {
        // Links and channel URLs come from the public URL, never from the request's Host header.
        return system.pick(callers.signedIn(identity), SessionResource.sessionId(session), config.publicUrl())
                .map(ProblemException::valueOf).map(joined -> Joining.of(joined, true, names::nameOf));
    }
}
