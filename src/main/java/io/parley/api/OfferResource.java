package io.parley.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.parley.agent.AgentNames;
import io.parley.api.security.Callers;
import io.parley.session.EndpointRef;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.system.Outcome;
import io.parley.system.SystemConfig;
import io.parley.system.change.Change;
import io.parley.system.change.ServiceSystem;
import io.parley.system.offers.OfferReads;
import io.parley.system.store.RoutingRepository;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Offers of sessions to agents, for clients without a console channel (the CLI, scripts): list the open
 * ones, accept or decline. A console gets and answers the same offers on {@code /ws/endpoint}.
 */
@Path("/api/offers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Offers")
public class OfferResource {

    private final ServiceSystem system;
    private final OfferReads offers;
    private final Callers callers;
    private final SecurityIdentity identity;
    private final AgentNames names;

    /** Where endpoints reach this service: links and channel URLs never come from the Host header. */
    @Inject
    SystemConfig config;

    public OfferResource(ServiceSystem system, OfferReads offers, Callers callers, SecurityIdentity identity,
            AgentNames names) {
        this.names = names;
        this.system = system;
        this.offers = offers;
        this.callers = callers;
        this.identity = identity;
    }

    /** An open offer on the wire. */
    public record OfferView(String id, String sessionId, String service, String agent, String purpose,
            String subject, Instant made, Instant expires) {
        static OfferView of(RoutingRepository.StoredOffer offer) {
            return new OfferView(offer.id().toString(), offer.sessionId().toString(), offer.serviceId(),
                    offer.agentId(), offer.purpose(), offer.subject(), offer.madeAt(), offer.expiresAt());
        }
    }

    /**
     * {@code POST /api/offers/{id}/accept|decline}; an operator may answer for an agent; a decline may say why
     * ({@code reason}, at most {@value Request.DeclineOffer#REASON_LIMIT} characters: the CSR who asked by name is
     * told it).
     */
    public record AnswerBody(EndpointBody onBehalfOf, String reason) {
    }

    @GET
    @RolesAllowed({"agent", "operator"})
    @Operation(summary = "Open offers: an agent's own; an operator's choice of agent, or all")
    public Uni<List<OfferView>> list(@QueryParam("agent") String agent) {
        Requester by = requester(null);
        Optional<String> whose = by.operator() ? Optional.ofNullable(agent) : Optional.of(by.endpoint().id());
        return offers.openOffers(whose).map(all -> all.stream().map(OfferView::of).toList());
    }

    @POST
    @Path("{id}/accept")
    @RolesAllowed({"agent", "operator"})
    @Operation(summary = "Accept an offer: the agent is invited into the session (or the transfer to it begins)")
    public Uni<SessionResource.ChangeView> accept(@PathParam("id") String id, AnswerBody body) {
        return answer(id, body, (by, offerId) -> system.acceptOffer(by, offerId, base()));
    }

    @POST
    @Path("{id}/decline")
    @RolesAllowed({"agent", "operator"})
    @Operation(summary = "Decline an offer, optionally saying why: the session is offered to the next agent who "
            + "fits, or, when the agent was asked by name for a conference or transfer, that request ends")
    public Uni<SessionResource.ChangeView> decline(@PathParam("id") String id, AnswerBody body) {
        String reason = body == null ? null : SessionBodies.shortText(body.reason(), "reason",
                Request.DeclineOffer.REASON_LIMIT);
        return answer(id, body, (by, offerId) -> system.declineOffer(by, offerId, reason, base()));
    }

    private Uni<SessionResource.ChangeView> answer(String id, AnswerBody body,
            BiFunction<Requester, UUID, Uni<Outcome<Change>>> answer) {
        UUID offerId;
        try {
            offerId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(404, "offer-not-found", "no offer " + id));
        }
        Requester by = requester(body == null || body.onBehalfOf() == null ? null
                : body.onBehalfOf().toRef("onBehalfOf"));
        return answer.apply(by, offerId).map(outcome -> SessionResource.changeView(outcome, by, names::nameOf));
    }

    private Requester requester(EndpointRef onBehalfOf) {
        return callers.requester(identity, Optional.ofNullable(onBehalfOf))
                .orElseThrow(() -> new ProblemException(Problem.of(401, "unauthenticated", "sign in")));
    }

    private URI base() {
        return config.publicUrl();
    }
}
