package io.parley.system.change;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.service.ServiceCatalogue;
import io.parley.session.Channel;
import io.parley.session.ChannelState;
import io.parley.session.CustomerPage;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.Leg;
import io.parley.session.LegState;
import io.parley.session.ReadAccess;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ServiceInstance;
import io.parley.session.ServiceSession;
import io.parley.session.SessionInstance;
import io.parley.session.Supervision;
import io.parley.session.Verdict;
import io.parley.system.Drain;
import io.parley.system.Outcome;
import io.parley.system.store.LegEntity;
import io.parley.system.store.RoutingRepository;
import io.parley.system.store.SessionStore;
import io.parley.transport.JoinLink;
import io.parley.transport.LinkGrant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The service system: creates and finds service-sessions, has each request decided by the session's
 * service instance, carries the decisions out through the generic {@link SessionInstance}, stores the
 * result and its event log, and announces what changed.
 *
 * <p>One writer per session at a time: every change runs in a transaction that first locks the
 * session's row, so concurrent requests on one session are applied one after another, on any replica.
 * A change is committed before it is acknowledged or announced.
 */
@ApplicationScoped
public class ServiceSystem {

    private final ServiceCatalogue catalogue;
    private final SessionStore store;
    private final SessionTransaction transaction;
    private final ChangeWriter writer;
    private final ChangeAnnouncer announcer;
    private final RoutingRepository routing;
    private final ConnectionIssuer issuer;
    private final Drain drain;
    private final Clock clock;

    public ServiceSystem(ServiceCatalogue catalogue, SessionStore store, SessionTransaction transaction,
            ChangeWriter writer, ChangeAnnouncer announcer, RoutingRepository routing,
            ConnectionIssuer issuer, Drain drain, Clock clock) {
        this.catalogue = catalogue;
        this.store = store;
        this.transaction = transaction;
        this.writer = writer;
        this.announcer = announcer;
        this.routing = routing;
        this.issuer = issuer;
        this.drain = drain;
        this.clock = clock;
    }

    // ----------------------------------------------------------------------------------------------
    // Requests

    /**
     * Opens a session (or, for a subject-room service, joins the open room for the subject) and puts the
     * requester in it. A requester without credentials becomes a new visitor (a customer).
     */
    public Uni<Outcome<Joined>> start(Optional<Requester> requester, String serviceId, String subject,
            EndpointRef with, CustomerPage page, URI base) {
        if (drain.draining()) {
            return refusedNow(Refusal.Code.DRAINING, "this node is shutting down; ask again (another replica answers)");
        }
        Optional<ServiceInstance> service = catalogue.instance(serviceId);
        if (service.isEmpty()) {
            return refusedNow(Refusal.Code.SERVICE_NOT_FOUND, "no service named '" + serviceId + "'");
        }
        Requester by = requester.orElseGet(() -> Requester.as(EndpointRef.customer("v-" + UUID.randomUUID())));
        boolean room = service.get().sessionsAreSubjectRooms() && subject != null;
        Request request = new Request.Start(by, subject, with, page);
        Uni<Outcome<Change>> decided = Uni.createFrom().deferred(() -> Panache.withTransaction(
                () -> (room ? store.lockOpenRoom(serviceId, subject)
                        : Uni.createFrom().item(Optional.<SessionStore.Loaded>empty()))
                        .flatMap(found -> {
                            Instant now = clock.instant();
                            ServiceSession session = found.map(SessionStore.Loaded::session)
                                    .orElseGet(() -> ServiceSession.opened(UUID.randomUUID().toString(), serviceId,
                                            subject, now));
                            return decideAndStore(found, session, room, service.get(), request, now);
                        })))
                // Two customers opening the same room at once: the loser of the unique index finds the winner's.
                .onFailure(SessionTransaction::raced).retry().atMost(2);
        return decided.map(outcome -> announcer.afterCommit(outcome, base))
                .map(outcome -> joinedAs(outcome, by, base, requester.isEmpty()));
    }

    /** Join session {@code sessionId}; joining again returns fresh details for the same leg. */
    public Uni<Outcome<Joined>> join(Requester by, UUID sessionId, URI base) {
        return act(sessionId, new Request.Join(by), base).map(outcome -> joinedAs(outcome, by, base, false));
    }

    /**
     * A supervisor monitors, whispers or barges in: its new leg's connection details, or its leg's (issued again)
     * when it switches mode.
     */
    public Uni<Outcome<Joined>> supervise(Requester by, UUID sessionId, Supervision mode, URI base) {
        return act(sessionId, new Request.Supervise(by, mode), base).map(outcome -> joinedAs(outcome, by, base,
                false));
    }

    /** An agent picks a waiting customer from the queue: the agent's new leg and its connection details. */
    public Uni<Outcome<Joined>> pick(Requester by, UUID sessionId, URI base) {
        return act(sessionId, new Request.Pick(by), base).map(outcome -> joinedAs(outcome, by, base, false));
    }

    /** Invite a named endpoint, or whoever fits a subject, into the requester's session. */
    public Uni<Outcome<Change>> invite(Requester by, UUID sessionId, EndpointRef target, String subject, URI base) {
        Request request = target != null ? new Request.Invite(by, target) : new Request.InviteForSubject(by, subject);
        return act(sessionId, request, base);
    }

    /**
     * The link to send a customer that this change invited (not the requester itself): a customer leg
     * that the change added in state {@code invited} and that is still in the session.
     */
    public Optional<JoinLink> invitedCustomerLink(Change change, Requester by, URI base) {
        return change.addedLegs().stream()
                .filter(leg -> leg.endpoint().isCustomer() && leg.state() == LegState.INVITED
                        && !leg.endpoint().equals(by.endpoint()))
                .flatMap(leg -> change.session().leg(leg.id()).filter(Leg::isActive).stream())
                .findFirst()
                .map(leg -> issuer.link(base, change.session(), leg));
    }

    /**
     * A fresh join link for an invited customer's leg, for a CSR in the session or an operator: the
     * customer has not connected yet (once it has, its page holds a visitor token to rejoin with).
     */
    public Uni<Outcome<JoinLink>> joinLink(Requester by, UUID sessionId, String legId, URI base) {
        return Panache.withSession(() -> store.read(sessionId)).map(found -> visible(by, found, sessionId)
                .flatMap(session -> {
                    if (!by.isStaff()) {
                        return Outcome.refused(Refusal.Code.NOT_PERMITTED, "join links are for CSRs and operators");
                    }
                    if (session.isEnded()) {
                        return Outcome.refused(Refusal.Code.SESSION_ENDED, "session " + sessionId + " has ended");
                    }
                    if (!by.operator() && session.activeLegOf(by.endpoint()).isEmpty()) {
                        return Outcome.refused(Refusal.Code.NOT_A_MEMBER, by.endpoint() + " is not in this session");
                    }
                    Optional<Leg> leg = session.leg(legId).filter(Leg::isActive);
                    if (leg.isEmpty()) {
                        return Outcome.refused(Refusal.Code.LEG_NOT_FOUND, "leg " + legId + " is not in the session");
                    }
                    if (!leg.get().endpoint().isCustomer()) {
                        return Outcome.refused(Refusal.Code.NOT_A_CUSTOMER_LEG, "leg " + legId + " is "
                                + leg.get().endpoint() + "'s; join links are for invited customers");
                    }
                    if (leg.get().state() != LegState.INVITED) {
                        return Outcome.refused(Refusal.Code.LEG_NOT_INVITED, "leg " + legId + " is "
                                + leg.get().state().wire() + ", not waiting for an invited customer");
                    }
                    return Outcome.done(issuer.link(base, session, leg.get()));
                }));
    }

    /**
     * What the join page of a link says before anything is joined (its {@code GET} changes nothing, so a
     * mail scanner that fetches the link binds nothing): the session, or why the link does not open.
     *
     * @param openedHereBefore whether the browser asking is the one that opened the link first
     */
    public Uni<Outcome<ServiceSession>> linkedSession(LinkGrant grant, boolean openedHereBefore) {
        Optional<UUID> sessionId = linkedSessionId(grant);
        if (sessionId.isEmpty()) {
            return refusedNow(Refusal.Code.LINK_EXPIRED, "the link names no session");
        }
        return Panache.withSession(() -> store.read(sessionId.get())).map(found -> {
            Optional<Refusal> refusal = SessionTransaction.openSession(found, sessionId.get())
                    .or(() -> linkRefusal(found.orElseThrow(), grant, openedHereBefore));
            return refusal.isPresent() ? Outcome.refused(asLinkRefusal(refusal.get()))
                    : Outcome.done(found.get().session());
        });
    }

    /**
     * A customer opens its join link: the first browser to open it binds the leg (a customer named by staff
     * is a new visitor, so the link assumes nobody's identity); that browser may open it again while the leg
     * is in the open session (a reload), any other is refused with {@code link-used}. It joins (fresh
     * connection details for the leg) and is given a visitor token for the leg's own visitor to rejoin with.
     * Refused with {@code session-ended}, or {@code link-expired} when the leg (or the session) is gone.
     *
     * @param openedHereBefore whether the browser asking is the one that opened the link first
     */
    public Uni<Outcome<Joined>> joinByLink(LinkGrant grant, boolean openedHereBefore, URI base) {
        Optional<UUID> sessionId = linkedSessionId(grant);
        if (sessionId.isEmpty()) {
            return refusedNow(Refusal.Code.LINK_EXPIRED, "the link names no session");
        }
        Requester by = Requester.as(grant.endpoint());
        return transaction.<Change>locked(sessionId.get(), loaded -> {
            Optional<Refusal> refusal = linkRefusal(loaded, grant, openedHereBefore);
            if (refusal.isPresent()) {
                return store.append(loaded, "request-refused", grant.endpoint().toString(),
                        RequestData.refusal(new Request.Join(by), refusal.get()), clock.instant())
                        .replaceWith(Outcome.<Change>refused(refusal.get()));
            }
            storedLeg(loaded, grant.legId()).filter(leg -> leg.linkBoundAt == null)
                    .ifPresent(leg -> leg.bindLink(clock.instant()));
            return decideAndStore(Optional.of(loaded), loaded.session(), false,
                    transaction.instanceOf(loaded.session()),
                    new Request.Join(by), clock.instant());
        })
                .map(outcome -> announcer.afterCommit(outcome, base))
                .map(outcome -> outcome instanceof Outcome.Refused<Change> refused
                        ? Outcome.<Change>refused(asLinkRefusal(refused.refusal())) : outcome)
                .map(outcome -> joinedAs(outcome, by, base, true));
    }

    /** To a link, a session that is gone is an expired link. */
    private static Refusal asLinkRefusal(Refusal refusal) {
        return refusal.code() == Refusal.Code.SESSION_NOT_FOUND
                ? Refusal.of(Refusal.Code.LINK_EXPIRED, "the conversation is gone") : refusal;
    }

    private static Optional<LegEntity> storedLeg(SessionStore.Loaded loaded, String legId) {
        return loaded.legs().stream().filter(leg -> leg.id.toString().equals(legId)).findFirst();
    }

    private static Optional<UUID> linkedSessionId(LinkGrant grant) {
        try {
            return Optional.of(UUID.fromString(grant.sessionId()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Why a link does not open its leg for this browser: the leg left, or another browser opened it first. */
    private static Optional<Refusal> linkRefusal(SessionStore.Loaded loaded, LinkGrant grant,
            boolean openedHereBefore) {
        Optional<Leg> leg = loaded.session().leg(grant.legId()).filter(Leg::isActive)
                .filter(active -> active.endpoint().equals(grant.endpoint()));
        if (leg.isEmpty()) {
            return Optional.of(Refusal.of(Refusal.Code.LINK_EXPIRED, "you are no longer in this conversation"));
        }
        // Bound by the first browser to open it, and dead for every other once its leg has connected.
        boolean taken = leg.get().state() != LegState.INVITED
                || storedLeg(loaded, grant.legId()).filter(stored -> stored.linkBoundAt != null).isPresent();
        if (taken && !openedHereBefore) {
            return Optional.of(Refusal.of(Refusal.Code.LINK_USED,
                    "this link was opened in another browser; ask for a new invitation"));
        }
        return Optional.empty();
    }

    public Uni<Outcome<Change>> request(UUID sessionId, Request request, URI base) {
        return act(sessionId, request, base);
    }

    /** An endpoint's leg message: the states of its channels. */
    public Uni<Outcome<Change>> report(UUID sessionId, String legId, Map<Channel, ChannelState> channels, URI base) {
        return transaction.locked(sessionId, loaded -> {
            if (loaded.session().leg(legId).filter(Leg::isActive).isEmpty()) {
                return refusedUni(Refusal.of(Refusal.Code.LEG_NOT_FOUND, "leg " + legId + " is not in the session"));
            }
            ServiceInstance service = transaction.instanceOf(loaded.session());
            // Only a leg that connects makes the service react (and maybe route): other leg messages change
            // channel states alone, and read no agents.
            boolean connects = loaded.session().leg(legId).filter(leg -> SessionInstance.connects(leg, channels))
                    .isPresent();
            return transaction.deciding(connects ? SessionTransaction.scope(loaded.session()) : Set.of(), now -> {
                SessionInstance.Applied applied = transaction.sessionInstance().report(loaded.session(), legId,
                        channels, service,
                        now);
                return writer.store(loaded, applied, null, "leg message", now.now(), false);
            });
        }).map(outcome -> announcer.afterCommit(outcome, base));
    }

    /**
     * Something happened to the session that nobody asked for (an offer's or the queue's time ran out,
     * CSRs became free, a CSR went away): its service instance reacts.
     */
    public Uni<Outcome<Change>> happen(UUID sessionId, Happening happening, String why) {
        return transaction.locked(sessionId, loaded -> {
            ServiceInstance service = transaction.instanceOf(loaded.session());
            return transaction.react(loaded, situation -> service.react(loaded.session(), happening, situation), why);
        }).map(outcome -> announcer.afterCommit(outcome, null));
    }

    // ----------------------------------------------------------------------------------------------
    // Offers

    /** A CSR accepts an offer: it is invited into the session (or the transfer to it begins). */
    public Uni<Outcome<Change>> acceptOffer(Requester by, UUID offerId, URI base) {
        return answerOffer(by, offerId, new Request.AcceptOffer(by, offerId.toString()), base);
    }

    /**
     * A CSR declines an offer, saying why ({@code reason}, or null): the session is offered to the next CSR who
     * fits, or a conference or transfer asked of this CSR by name ends.
     */
    public Uni<Outcome<Change>> declineOffer(Requester by, UUID offerId, String reason, URI base) {
        return answerOffer(by, offerId, new Request.DeclineOffer(by, offerId.toString(), reason), base);
    }

    private Uni<Outcome<Change>> answerOffer(Requester by, UUID offerId, Request request, URI base) {
        return Panache.withSession(() -> routing.offer(offerId)).flatMap(found -> {
            if (found.isEmpty() || !(by.endpoint().isCsr() && found.get().agentId().equals(by.endpoint().id()))) {
                return refusedNow(Refusal.Code.OFFER_NOT_FOUND, "no offer " + offerId + " for " + by.endpoint());
            }
            RoutingRepository.StoredOffer offer = found.get();
            if (!offer.open()) {
                return switch (offer.state()) {
                    case "expired" -> refusedNow(Refusal.Code.OFFER_EXPIRED, "offer " + offerId + " expired: "
                            + offer.reason());
                    case "withdrawn" -> refusedNow(Refusal.Code.OFFER_TAKEN, "offer " + offerId + " was withdrawn: "
                            + offer.reason());
                    default -> refusedNow(Refusal.Code.OFFER_CLOSED, "offer " + offerId + " was already "
                            + offer.state());
                };
            }
            return act(offer.sessionId(), request, base);
        });
    }

    // ----------------------------------------------------------------------------------------------
    // Reading

    /**
     * Appends an entry to the event log of an open session for something that happened beside its requests
     * and decisions (a recording started); a session that has ended or does not exist is left alone.
     */
    public Uni<Void> note(UUID sessionId, String type, Map<String, Object> data) {
        return transaction.locked(sessionId, loaded -> store.append(loaded, type, null, data, clock.instant())
                .replaceWith(Outcome.<Void>done(null))).replaceWithVoid();
    }

    /** An active leg of an open session, with its session. */
    public record ActiveLeg(ServiceSession session, Leg leg) {
    }

    /** The leg, if it is active in an open session (a connection may be held for it). */
    public Uni<Optional<ActiveLeg>> activeLeg(UUID sessionId, String legId) {
        return Panache.withSession(() -> store.read(sessionId))
                .map(found -> found.filter(l -> !l.session().isEnded())
                        .flatMap(l -> l.session().leg(legId).filter(Leg::isActive)
                                .map(leg -> new ActiveLeg(l.session(), leg))));
    }

    // ----------------------------------------------------------------------------------------------

    private Uni<Outcome<Change>> act(UUID sessionId, Request request, URI base) {
        return transaction.locked(sessionId, loaded -> decideAndStore(Optional.of(loaded), loaded.session(), false,
                transaction.instanceOf(loaded.session()), request, clock.instant()))
                .map(outcome -> announcer.afterCommit(outcome, base));
    }

    private Uni<Outcome<Change>> decideAndStore(Optional<SessionStore.Loaded> found, ServiceSession session,
            boolean room, ServiceInstance service, Request request, Instant now) {
        return transaction.deciding(SessionTransaction.scope(session, request), situation -> {
            Verdict verdict = service.decide(session, request, situation);
            if (verdict instanceof Verdict.Refused refused) {
                // A refusal changes nothing; it is still worth a line in an existing session's log.
                return found.map(loaded -> store.append(loaded, "request-refused",
                        request.by().endpoint().toString(), RequestData.refusal(request, refused.refusal()), now))
                        .orElseGet(() -> Uni.createFrom().voidItem())
                        .replaceWith(Outcome.<Change>refused(refused.refusal()));
            }
            Verdict.Allowed allowed = (Verdict.Allowed) verdict;
            SessionInstance.Applied applied = transaction.apply(session, allowed.decisions(), situation);
            Uni<SessionStore.Loaded> loaded = found.map(l -> Uni.createFrom().item(l))
                    .orElseGet(() -> Uni.createFrom().item(store.create(session, room)));
            return loaded.flatMap(l -> writer.store(l, applied, request, allowed.explanation(), now, found.isEmpty()));
        });
    }

    private Outcome<Joined> joinedAs(Outcome<Change> outcome, Requester by, URI base, boolean newVisitor) {
        return outcome.flatMap(change -> {
            Optional<Leg> leg = change.session().activeLegOf(by.endpoint());
            if (leg.isEmpty()) {
                // The service allowed the request but did not keep the requester in (for example, it ended).
                return Outcome.refused(Refusal.Code.SESSION_ENDED, "the session ended: "
                        + change.session().endReason());
            }
            String visitorToken = newVisitor ? issuer.visitor(by.endpoint()) : null;
            return Outcome.done(new Joined(change.session(), leg.get(), issuer.details(base, change.session(),
                    leg.get()), change.created(), visitorToken, invitedCustomerLink(change, by, base).orElse(null)));
        });
    }

    private static Outcome<ServiceSession> visible(Requester by, Optional<SessionStore.Loaded> found,
            UUID sessionId) {
        if (found.isEmpty()
                || ReadAccess.of(by, found.get().session(), false) instanceof ReadAccess.Hidden) {
            // Not "forbidden": a customer must not learn which session ids exist.
            return Outcome.refused(Refusal.Code.SESSION_NOT_FOUND, "no session " + sessionId);
        }
        return Outcome.done(found.get().session());
    }

    private static <T> Uni<Outcome<T>> refusedNow(Refusal.Code code, String detail) {
        return Uni.createFrom().item(Outcome.refused(code, detail));
    }

    private static Uni<Outcome<Change>> refusedUni(Refusal refusal) {
        return Uni.createFrom().item(Outcome.refused(refusal));
    }

}
