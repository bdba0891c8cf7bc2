package io.parley.system.offers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.Queued;
import io.parley.session.ServiceSession;
import io.parley.system.SessionNotice;
import io.parley.system.store.RoutingRepository;
import io.parley.system.store.SessionStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Open offers as the agents' consoles and the operators' views show them: with the session, the wait's purpose and
 * subject, and what the customer wrote or the colleague noted. Answering one is a request to the
 * {@link io.parley.system.change.ServiceSystem}.
 */
@ApplicationScoped
public class OfferReads {

    private final SessionStore store;
    private final RoutingRepository routing;
    private final OfferContexts offerContexts;

    public OfferReads(SessionStore store, RoutingRepository routing, OfferContexts offerContexts) {
        this.store = store;
        this.routing = routing;
        this.offerContexts = offerContexts;
    }

    /** The open offers of one agent, or of everyone. */
    public Uni<List<RoutingRepository.StoredOffer>> openOffers(Optional<String> agentId) {
        return Panache.withSession(() -> routing.openOffers()).map(all -> all.stream()
                .filter(offer -> agentId.map(offer.agentId()::equals).orElse(true))
                .toList());
    }

    /** The agent's open offers as its console shows them (a console that connects is sent these). */
    public Uni<List<SessionNotice.Offered>> offersFor(String agentId) {
        return Panache.withSession(() -> routing.openOffers().flatMap(open -> Multi.createFrom()
                .iterable(open.stream().filter(offer -> offer.agentId().equals(agentId)).toList())
                .onItem().transformToUniAndConcatenate(offer -> offeredIn(offer.sessionId(), offer.id().toString())
                        .map(found -> found.orElse(null)))
                .collect().asList()));
    }

    /** The open offer as its console shows it, or empty when it is no longer open. */
    public Uni<Optional<SessionNotice.Offered>> offered(UUID sessionId, String offerId) {
        return Panache.withSession(() -> offeredIn(sessionId, offerId));
    }

    private Uni<Optional<SessionNotice.Offered>> offeredIn(UUID sessionId, String offerId) {
        return store.read(sessionId).flatMap(found -> {
            Optional<ServiceSession> session = found.map(SessionStore.Loaded::session);
            Optional<Queued> queue = session.flatMap(ServiceSession::queued);
            if (queue.isEmpty() || queue.get().offer(offerId).isEmpty()) {
                return Uni.createFrom().item(Optional.<SessionNotice.Offered>empty());
            }
            return offerContexts.read(sessionId, queue.get().purpose()).map(context -> Optional.of(
                    new SessionNotice.Offered(session.get(), queue.get().offer(offerId).get(), queue.get().purpose(),
                            queue.get().subject(), context.conversation(), context.page())));
        });
    }
}
