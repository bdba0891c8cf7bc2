package io.parley.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import io.parley.routing.Ranking;
import io.parley.routing.RoutingStrategies;
import io.parley.routing.RoutingStrategy;
import io.parley.routing.SkillRequirement;
import io.parley.session.Candidate;
import io.parley.session.CsrState;
import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.Offer;
import io.parley.session.OfferOutcome;
import io.parley.session.PendingTransfer;
import io.parley.session.QueueOutcome;
import io.parley.session.Queued;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ServiceInstance;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.parley.session.Situation;
import io.parley.session.TransferFailure;
import io.parley.session.TransferMode;
import io.parley.session.Verdict;

/**
 * The rules every built-in behaviour shares: who may join, invite, conference in, transfer, leave and
 * end, and how a transfer completes or fails. A behaviour kind adds how a session starts, who may join
 * it uninvited, and what follows when a leg ends. Pure: no I/O, no clock.
 */
abstract class Behaviour implements ServiceInstance {

    protected final ServiceDefinition definition;
    protected final RoutingStrategy strategy;

    protected Behaviour(ServiceDefinition definition) {
        this.definition = definition;
        this.strategy = RoutingStrategies.of(definition.routing().strategy(), definition.routing().order());
    }

    /** How this kind opens a session (or, for rooms, joins the open one); never asked by an operator itself. */
    protected abstract Verdict start(ServiceSession session, Request.Start start, Situation situation);

    /** What follows when a leg has ended (after any transfer bookkeeping). */
    protected abstract List<Decision> afterLegEnded(ServiceSession session, Leg ended, Situation situation);

    /** Whether a non-member may join by session id; by default only with an invitation. */
    protected Verdict joinUninvited(ServiceSession session, Requester by) {
        return Verdict.refuse(Refusal.Code.NOT_INVITED, by.endpoint() + " is not invited to this session");
    }

    @Override
    public final Verdict decide(ServiceSession session, Request request, Situation situation) {
        return switch (request) {
            case Request.Start start -> start.by().operator()
                    ? Verdict.refuse(Refusal.Code.NOT_PERMITTED,
                            "an operator starts or joins by id, or acts on behalf of an endpoint (onBehalfOf)")
                    : namedCsrIsOffered(session, start, start(session, start, situation), situation);
            case Request.Join join -> join(session, join.by());
            case Request.Invite invite -> invite(session, invite.by(), invite.target(), situation);
            case Request.InviteForSubject invite -> inviteForSubject(session, invite.by(), invite.subject());
            case Request.Conference conference -> conference(session, conference, situation);
            case Request.Transfer transfer -> transfer(session, transfer, situation);
            case Request.RemoveLeg remove -> removeLeg(session, remove);
            case Request.CancelHandover cancel -> cancelHandover(session, cancel.by());
            case Request.Supervise supervise -> Supervising.supervise(definition, session, supervise);
            case Request.TakeOver takeOver -> Supervising.takeOver(session, takeOver);
            case Request.Pick pick -> Picking.pick(definition, session, pick, situation);
            case Request.End end -> Supervising.mayEnd(session, end).<Verdict>map(Verdict.Refused::new)
                    .orElseGet(() -> end(session, end.by()));
            case Request.AcceptOffer accept -> acceptOffer(session, accept, situation);
            case Request.DeclineOffer decline -> declineOffer(session, decline);
        };
    }

    @Override
    public final List<Decision> react(ServiceSession session, Happening happening, Situation situation) {
        return switch (happening) {
            case Happening.LegConnected connected -> legConnected(session, connected.leg());
            case Happening.LegEnded ended -> {
                List<Decision> decisions = new ArrayList<>(transferAfterLegEnded(session, ended.leg()));
                decisions.addAll(queueAfterLegEnded(session, ended.leg()));
                decisions.addAll(afterLegEnded(session, ended.leg(), situation));
                yield decisions;
            }
            case Happening.Enqueued enqueued -> enqueued.askedFor() == null ? route(session, situation, true)
                    : List.of(new Decision.MakeOffers(List.of(enqueued.askedFor()), definition.routing().offerTimeout(),
                            session.queued().filter(Queued::forNamedCsr).isPresent()
                                    ? enqueued.askedFor() + " was asked by name"
                                    : "the customer asked for " + enqueued.askedFor() + " by name"));
            case Happening.OfferClosed closed -> session.queued().filter(q -> q.offers().isEmpty()).isPresent()
                    ? route(session, situation, true) : List.of();
            case Happening.OfferExpired expired -> session.queued().flatMap(q -> q.offer(expired.offerId()))
                    .filter(offer -> offer.expiredAt(situation.now()))
                    .<List<Decision>>map(offer -> closing(session, offer, OfferOutcome.EXPIRED,
                            offer.csr() + " did not answer within " + seconds(definition.routing().offerTimeout())))
                    .orElse(List.of());
            case Happening.RouteAgain again -> route(session, situation, false);
            case Happening.QueueTimedOut timedOut -> queueTimedOut(session, situation);
            case Happening.CsrUnavailable gone -> session.queued().map(q -> q.offers().stream()
                    .filter(offer -> offer.csr().equals(gone.csr()))
                    .flatMap(offer -> closing(session, offer, OfferOutcome.WITHDRAWN, gone.why()).stream())
                    .toList()).orElse(List.of());
            case Happening.CsrRemoved removed -> csrRemoved(session, removed);
            case Happening.MovedIn moved -> session.activeLegsIn(LegRole.CSR).isEmpty()
                    ? List.of(new Decision.Enqueue(Queued.Purpose.SERVE, session.subject(), null, null,
                            "overflowed from " + moved.fromServiceId()))
                    : List.of();
            case Happening.TransferExpired expired -> session.pendingTransfer()
                    .filter(expired.transfer()::equals)
                    .<List<Decision>>map(t -> List.of(new Decision.AbandonTransfer(TransferFailure.NOT_CONNECTED,
                            "second CSR did not connect within "
                                    + definition.transferTimeout().toSeconds() + "s")))
                    .orElse(List.of());
        };
    }

    /**
     * A CSR removed from the directory: its offers here are withdrawn, then its legs end as if it had left
     * (what follows is each leg's ending: a transfer to it fails, a routed customer waits again, a direct session
     * ends).
     */
    private static List<Decision> csrRemoved(ServiceSession session, Happening.CsrRemoved removed) {
        List<Decision> decisions = new ArrayList<>();
        session.queued().ifPresent(queue -> queue.offers().stream()
                .filter(offer -> offer.csr().equals(removed.csr()))
                .forEach(offer -> decisions.addAll(closing(session, offer, OfferOutcome.WITHDRAWN, removed.why()))));
        session.activeLegs().stream().filter(leg -> leg.endpoint().equals(removed.csr()))
                .forEach(leg -> decisions.add(new Decision.EndLeg(leg.id(), LegState.LEFT, removed.why())));
        return decisions;
    }

    /**
     * A customer who names a CSR asks for it and no more: the CSR is offered the session (one such offer at a
     * time) instead of being put in it, so it may decline or let the offer time out, and routing moves on to
     * whoever fits. Nobody without an account makes an agent busy by naming it.
     */
    private static Verdict namedCsrIsOffered(ServiceSession session, Request.Start start, Verdict verdict,
            Situation situation) {
        EndpointRef named = start.with();
        if (!(verdict instanceof Verdict.Allowed allowed) || named == null || !named.isCsr()
                || !start.by().endpoint().isCustomer()) {
            return verdict;
        }
        if (situation.csr(named).filter(Candidate::offered).isPresent()) {
            return Verdict.refuse(Refusal.Code.ENDPOINT_UNAVAILABLE, named + " is answering another offer");
        }
        Optional<Refusal> routing = notRouting(session);
        if (routing.isPresent()) {
            return new Verdict.Refused(routing.get());
        }
        List<Decision> decisions = new ArrayList<>();
        for (Decision decision : allowed.decisions()) {
            if (!(decision instanceof Decision.AddLeg add && add.endpoint().equals(named))) {
                decisions.add(decision);
                continue;
            }
            if (session.activeLegsIn(LegRole.CSR).isEmpty()) {
                decisions.add(new Decision.SetState(SessionState.WAITING, "waiting for " + named));
            }
            decisions.add(new Decision.Enqueue(Queued.Purpose.SERVE, start.subject(), null, null,
                    start.by().endpoint() + " asks for " + named, named));
        }
        return Verdict.allow(allowed.explanation() + "; " + named + " is offered the session", decisions);
    }

    // ----------------------------------------------------------------------------------------------

    private Verdict join(ServiceSession session, Requester by) {
        if (session.isMember(by.endpoint())) {
            return Verdict.allow(by.endpoint() + " is already in the session");
        }
        if (by.operator()) {
            return Verdict.allow("operator " + by.endpoint().id() + " joins as an observer",
                    new Decision.AddLeg(by.endpoint(), LegRole.OBSERVER, LegState.JOINING));
        }
        return joinUninvited(session, by);
    }

    private Verdict invite(ServiceSession session, Requester by, EndpointRef target, Situation situation) {
        Optional<Refusal> refusal = mayInvite(session, by).or(() -> mayName(by, target))
                .or(() -> checkTarget(session, target, situation))
                .or(() -> roomFor(session, target, false));
        return refusal.<Verdict>map(Verdict.Refused::new).orElseGet(() -> Verdict.allow(
                by.endpoint() + " invites " + target,
                new Decision.AddLeg(target, LegRole.of(target.kind()), LegState.INVITED)));
    }

    private Verdict inviteForSubject(ServiceSession session, Requester by, String subject) {
        Optional<Refusal> refusal = mayInvite(session, by).or(() -> checkSubject(subject, true))
                .or(() -> notRouting(session)).or(() -> roomForCsr(session, false));
        return refusal.<Verdict>map(Verdict.Refused::new).orElseGet(() -> Verdict.allow(
                by.endpoint() + " invites whoever fits " + subject,
                new Decision.Enqueue(Queued.Purpose.CONFERENCE, subject, null, null,
                        by.endpoint() + " invites whoever fits " + subject)));
    }

    private Verdict conference(ServiceSession session, Request.Conference request, Situation situation) {
        Optional<Refusal> refusal = csrMember(session, request.by())
                .or(() -> definition.allow().conference() ? Optional.empty()
                        : Optional.of(Refusal.of(Refusal.Code.CONFERENCE_NOT_ALLOWED,
                                "service " + definition.id() + " does not allow conferences")))
                .or(() -> noTransferUnderWay(session)).or(() -> notRouting(session));
        if (refusal.isPresent()) {
            return new Verdict.Refused(refusal.get());
        }
        String fromLegId = session.activeLegOf(request.by().endpoint()).orElseThrow().id();
        if (request.to() == null && request.subject() != null) {
            return checkSubject(request.subject(), true).or(() -> roomForCsr(session, false))
                    .<Verdict>map(Verdict.Refused::new)
                    .orElseGet(() -> Verdict.allow(request.by().endpoint() + " conferences in whoever fits "
                            + request.subject(),
                            new Decision.Enqueue(Queued.Purpose.CONFERENCE, request.subject(),
                                    fromLegId, null, request.by().endpoint() + " asks for a " + request.subject()
                                            + " CSR to join",
                                    null, request.note())));
        }
        return pickSecondCsr(session, request.to(), situation, false).map(
                (csr, why) -> Verdict.allow(request.by().endpoint() + " asks " + csr + " to join" + why,
                        new Decision.Enqueue(Queued.Purpose.CONFERENCE, session.subject(), fromLegId, null,
                                request.by().endpoint() + " asks " + csr + " to join; " + csr + " is offered it",
                                csr, request.note())));
    }

    private Verdict transfer(ServiceSession session, Request.Transfer request, Situation situation) {
        Optional<Refusal> refusal = csrMember(session, request.by())
                .or(() -> definition.allow().transfer() ? Optional.empty()
                        : Optional.of(Refusal.of(Refusal.Code.TRANSFER_NOT_ALLOWED,
                                "service " + definition.id() + " does not allow transfers")))
                .or(() -> noTransferUnderWay(session)).or(() -> notRouting(session));
        if (refusal.isPresent()) {
            return new Verdict.Refused(refusal.get());
        }
        String fromLegId = session.activeLegOf(request.by().endpoint()).orElseThrow().id();
        TransferMode mode = request.mode() == null ? TransferMode.COLD : request.mode();
        if (request.to() == null && request.subject() != null) {
            return checkSubject(request.subject(), true).or(() -> roomForCsr(session, true))
                    .<Verdict>map(Verdict.Refused::new)
                    .orElseGet(() -> Verdict.allow(request.by().endpoint() + " transfers (" + mode.wire()
                            + ") to whoever fits " + request.subject(),
                            new Decision.Enqueue(Queued.Purpose.TRANSFER,
                                    request.subject(), fromLegId, mode, request.by().endpoint() + " transfers to "
                                            + request.subject() + "; the customer waits for a " + request.subject()
                                            + " CSR",
                                    null, request.note())));
        }
        Optional<Leg> consulted = Optional.ofNullable(request.to()).filter(EndpointRef::isCsr)
                .flatMap(session::activeLegOf);
        if (consulted.isPresent()) {
            return completeConsult(request.by(), fromLegId, consulted.get());
        }
        return pickSecondCsr(session, request.to(), situation, true).map(
                (csr, why) -> Verdict.allow(request.by().endpoint() + " asks " + csr + " to take the customer ("
                        + mode.wire() + ")" + why,
                        new Decision.Enqueue(Queued.Purpose.TRANSFER, session.subject(),
                                fromLegId, mode, request.by().endpoint() + " transfers to " + csr + "; " + csr
                                        + " is offered it",
                                csr, request.note())));
    }

    /**
     * Consult, then complete: a transfer to a CSR already in the session (conferenced in, consulted) hands the
     * customer over at once: the first CSR leaves, the second keeps the session. One still joining is asked for
     * again once it has joined (the conference is under way, not the transfer).
     */
    private static Verdict completeConsult(Requester by, String fromLegId, Leg second) {
        if (second.id().equals(fromLegId)) {
            return Verdict.refuse(Refusal.Code.ALREADY_IN_SESSION, by.endpoint() + " cannot transfer to itself");
        }
        if (second.state() != LegState.CONNECTED) {
            return Verdict.refuse(Refusal.Code.HANDOVER_NOT_JOINED, second.endpoint() + " has not joined yet ("
                    + second.state().wire() + "): transfer once it has, or call the conference off");
        }
        return Verdict.allow(by.endpoint() + " transfers to " + second.endpoint() + ", who is already in the "
                + "session: the transfer completes at once",
                new Decision.EndLeg(fromLegId, LegState.LEFT, "transferred to " + second.endpoint()));
    }

    private Verdict removeLeg(ServiceSession session, Request.RemoveLeg request) {
        Optional<Leg> leg = session.leg(request.legId());
        if (leg.isEmpty()) {
            return Verdict.refuse(Refusal.Code.LEG_NOT_FOUND, "no leg " + request.legId() + " in this session");
        }
        if (!leg.get().isActive()) {
            return Verdict.allow("leg " + request.legId() + " had already ended");
        }
        Requester by = request.by();
        if (leg.get().endpoint().equals(by.endpoint())) {
            return Verdict.allow(by.endpoint() + " leaves",
                    new Decision.EndLeg(leg.get().id(), LegState.LEFT, "left"));
        }
        if (by.operator()) {
            return Verdict.allow("operator " + by.endpoint().id() + " removes " + leg.get().endpoint(),
                    new Decision.EndLeg(leg.get().id(), LegState.LEFT, "removed by operator " + by.endpoint().id()));
        }
        return Verdict.refuse(Refusal.Code.NOT_PERMITTED, "only the leg's own endpoint or an operator removes a leg");
    }

    /**
     * Calls off what a CSR started to bring a second CSR in: the wait for a subject (offers withdrawn),
     * a transfer whose second CSR has not connected, or a second CSR invited who has not joined yet. Any
     * CSR in the session may, and an operator.
     */
    private Verdict cancelHandover(ServiceSession session, Requester by) {
        Optional<Refusal> refusal = by.operator() ? Optional.empty() : csrMember(session, by);
        if (refusal.isPresent()) {
            return new Verdict.Refused(refusal.get());
        }
        String reason = "called off by " + by.endpoint();
        Optional<Queued> waiting = session.queued().filter(Queued::forSecondCsr);
        if (waiting.isPresent()) {
            return Verdict
                    .allow(by.endpoint() + " calls off the " + waiting.get().purpose().wire() + " to "
                            + waiting.get().askedOf(), new Decision.Dequeue(QueueOutcome.CALLED_OFF, reason));
        }
        Optional<PendingTransfer> transfer = session.pendingTransfer();
        if (transfer.isPresent()) {
            // A transfer whose first CSR has already left is the customer's only way to a CSR: not called off.
            return session.leg(transfer.get().fromLegId()).filter(Leg::isActive).isPresent()
                    ? Verdict.allow(by.endpoint() + " calls off the transfer",
                            new Decision.AbandonTransfer(TransferFailure.CALLED_OFF, reason))
                    : Verdict.refuse(Refusal.Code.NO_HANDOVER,
                            "the CSR who began the transfer has left: it is the customer's way to a CSR now");
        }
        // A second CSR is one invited after the first (the earliest CSR still in, connected or on the way in,
        // such as one who accepted a waiting customer), and not the one asking.
        Optional<Leg> first = session.activeLegsIn(LegRole.CSR).stream().findFirst();
        List<Decision> uninvite = session.activeLegsIn(LegRole.CSR).stream()
                .filter(leg -> leg.state() == LegState.INVITED && !first.get().equals(leg))
                .filter(leg -> !leg.endpoint().equals(by.endpoint()))
                .<Decision>map(leg -> new Decision.EndLeg(leg.id(), LegState.FAILED, reason)).toList();
        if (!uninvite.isEmpty()) {
            return Verdict.allow(by.endpoint() + " calls off the invitation of a second CSR", uninvite);
        }
        return Verdict.refuse(Refusal.Code.NO_HANDOVER, "no conference or transfer is under way in this session");
    }

    private Verdict end(ServiceSession session, Requester by) {
        if (!by.operator() && !session.isMember(by.endpoint())) {
            return Verdict.refuse(Refusal.Code.NOT_A_MEMBER, by.endpoint() + " is not in this session");
        }
        return Verdict.allow(by.endpoint() + " ends the session", new Decision.EndSession("ended by " + by.endpoint()));
    }

    private List<Decision> legConnected(ServiceSession session, Leg leg) {
        List<Decision> decisions = new ArrayList<>();
        session.pendingTransfer().filter(t -> t.toLegId().equals(leg.id())).ifPresent(transfer -> {
            boolean firstGone = session.leg(transfer.fromLegId()).map(first -> !first.isActive()).orElse(true);
            if (transfer.mode() == TransferMode.COLD || firstGone) {
                decisions.add(new Decision.CompleteTransfer("second CSR connected"));
                decisions.add(new Decision.EndLeg(transfer.fromLegId(), LegState.LEFT, "transferred"));
            }
        });
        if (leg.role() == LegRole.CSR && session.queued().filter(q -> q.purpose() == Queued.Purpose.SERVE)
                .isPresent()) {
            decisions.add(new Decision.Dequeue(QueueOutcome.ANSWERED, leg.endpoint() + " joined"));
        }
        if (session.state() == SessionState.WAITING && leg.role() == LegRole.CSR) {
            decisions.add(new Decision.SetState(SessionState.ACTIVE, leg.endpoint() + " connected"));
        }
        return decisions;
    }

    // ----------------------------------------------------------------------------------------------
    // The queue and offers

    /**
     * Offers the queued session to the best CSR (every fitting CSR for ring-all), the requirement
     * relaxed by the escalations the wait has reached; or, when nobody fits, keeps it waiting.
     *
     * @param explainWaiting log why nobody fits (not on every periodic attempt)
     */
    protected List<Decision> route(ServiceSession session, Situation situation, boolean explainWaiting) {
        Optional<Queued> queued = session.queued();
        // One offer at a time, except for ring-all: a CSR who becomes free while it rings is rung too.
        boolean ringing = queued.isPresent() && !queued.get().offers().isEmpty();
        if (queued.isEmpty() || ringing && !strategy.offersEveryone() || queued.get().forNamedCsr()) {
            // A conference or transfer asked of one CSR by name is offered to that CSR alone, once.
            return List.of();
        }
        // A CSR whose leg failed here (accepted and never joined, or lost its connection) counts as passed over.
        Queued queue = queued.get().passingAlso(session.legs().stream()
                .filter(leg -> leg.endpoint().isCsr() && leg.state() == LegState.FAILED)
                .collect(Collectors.toMap(Leg::endpoint, Leg::since, (a, b) -> a.isAfter(b) ? a : b)));
        Duration waited = Duration.between(queue.since(), situation.now());
        SkillRequirement requirement = definition.requirementFor(queue.subject(), waited);
        // Who is in the session now (a CSR whose leg has left is a candidate again), or has an offer out.
        Set<EndpointRef> exclude = session.activeLegs().stream().map(Leg::endpoint).collect(Collectors.toSet());
        queue.offers().forEach(offer -> exclude.add(offer.csr()));
        Duration retryAfter = definition.routing().retryAfter();
        Set<EndpointRef> passed = queue.passedOver(situation, retryAfter, false);
        Ranking ranking = strategy.rank(situation.csrs(), requirement, exclude, passed, situation.now());
        String again = "";
        if (ranking.eligible().isEmpty() && !passed.isEmpty()) {
            // Nobody else fits: who declined or did not answer long enough ago is asked again.
            Set<EndpointRef> recent = queue.passedOver(situation, retryAfter, true);
            if (recent.size() < passed.size()) {
                ranking = strategy.rank(situation.csrs(), requirement, exclude, recent, situation.now());
                again = "; asked again after " + seconds(retryAfter) + " as nobody else fits";
            }
        }
        List<Candidate> chosen = strategy.offersEveryone() ? ranking.eligible()
                : ranking.best().map(List::of).orElse(List.of());
        if (chosen.isEmpty()) {
            return explainWaiting && !ringing ? List.of(new Decision.KeepWaiting(ranking.explain(chosen))) : List.of();
        }
        ServiceDefinition.Rank rank = definition.priority().of(session);
        String priority = rank.value() == 0 ? ""
                : "; priority " + rank.value() + " (" + rank.reasons() + "), offered before lower priorities";
        return List.of(new Decision.MakeOffers(chosen.stream().map(Candidate::endpoint).toList(),
                definition.routing().offerTimeout(), ranking.explain(chosen) + again + priority));
    }

    private Verdict acceptOffer(ServiceSession session, Request.AcceptOffer accept, Situation situation) {
        Optional<Refusal> refusal = openOfferOf(session, accept.by().endpoint(), accept.offerId());
        if (refusal.isPresent()) {
            return new Verdict.Refused(refusal.get());
        }
        Queued queue = session.queue();
        Offer offer = queue.offer(accept.offerId()).orElseThrow();
        if (offer.expiredAt(situation.now())) {
            return Verdict.refuse(Refusal.Code.OFFER_EXPIRED, "the offer expired at " + offer.expires());
        }
        EndpointRef csr = offer.csr();
        List<Decision> decisions = new ArrayList<>(List.of(
                new Decision.CloseOffer(offer.id(), OfferOutcome.ACCEPTED, csr + " accepted"),
                new Decision.Dequeue(QueueOutcome.ANSWERED, "answered by " + csr)));
        decisions.add(queue.purpose() == Queued.Purpose.TRANSFER && session.leg(queue.fromLegId())
                .filter(Leg::isActive).isPresent()
                        ? new Decision.BeginTransfer(queue.fromLegId(), csr, queue.mode(), definition.transferTimeout())
                        : new Decision.AddLeg(csr, LegRole.CSR, LegState.INVITED));
        return Verdict.allow(csr + " accepts the offer (" + queue.purpose().wire()
                + (queue.subject() == null ? "" : ", " + queue.subject()) + ")", decisions);
    }

    private Verdict declineOffer(ServiceSession session, Request.DeclineOffer decline) {
        String why = decline.reason() == null ? "" : ": " + decline.reason();
        return openOfferOf(session, decline.by().endpoint(), decline.offerId()).<Verdict>map(Verdict.Refused::new)
                .orElseGet(() -> Verdict.allow(decline.by().endpoint() + " declines the offer" + why,
                        closing(session, session.queue().offer(decline.offerId()).orElseThrow(),
                                OfferOutcome.DECLINED, decline.by().endpoint() + " declined" + why)));
    }

    /**
     * Closes an offer its CSR declined, let expire or could no longer take; a conference or transfer asked of
     * that CSR by name is over with it (the CSR who asked keeps the customer and is told why).
     */
    private static List<Decision> closing(ServiceSession session, Offer offer, OfferOutcome outcome, String why) {
        Decision close = new Decision.CloseOffer(offer.id(), outcome, why);
        return session.queued().filter(q -> offer.csr().equals(q.named())).isPresent()
                ? List.of(close, new Decision.Dequeue(QueueOutcome.DECLINED, why))
                : List.of(close);
    }

    private static Optional<Refusal> openOfferOf(ServiceSession session, EndpointRef csr, String offerId) {
        Optional<Offer> offer = session.queued().flatMap(q -> q.offer(offerId));
        if (offer.isEmpty()) {
            return Optional.of(Refusal.of(Refusal.Code.OFFER_TAKEN, "offer " + offerId + " is no longer open"));
        }
        if (!offer.get().csr().equals(csr)) {
            return Optional.of(Refusal.of(Refusal.Code.OFFER_NOT_FOUND, "no offer " + offerId + " for " + csr));
        }
        return Optional.empty();
    }

    /** The queue time-out passed: overflow or end a customer's wait; a CSR's request for a second CSR fails. */
    private List<Decision> queueTimedOut(ServiceSession session, Situation situation) {
        Optional<Queued> queued = session.queued();
        Duration timeout = definition.routing().queueTimeout();
        if (queued.isEmpty() || situation.now().isBefore(queued.get().since().plus(timeout))) {
            return List.of();
        }
        String waited = "nobody answered within " + seconds(timeout);
        if (queued.get().forSecondCsr()) {
            return List.of(new Decision.Dequeue(QueueOutcome.TIMED_OUT, waited + " for " + queued.get().askedOf()));
        }
        Optional<String> overflow = definition.routing().overflow();
        if (overflow.isPresent()) {
            String reason = waited + "; overflows to " + overflow.get();
            return List.of(new Decision.Dequeue(QueueOutcome.OVERFLOWED, reason),
                    new Decision.MoveToService(overflow.get(), reason));
        }
        return List.of(new Decision.Dequeue(QueueOutcome.TIMED_OUT, waited),
                new Decision.EndSession("no CSR was free: " + waited));
    }

    /** A leg ended while the session was queued: a customer abandons; a transfer's first CSR hands over. */
    private static List<Decision> queueAfterLegEnded(ServiceSession session, Leg ended) {
        Optional<Queued> queued = session.queued();
        if (queued.isEmpty()) {
            return List.of();
        }
        Queued queue = queued.get();
        if (ended.role() == LegRole.CUSTOMER && session.activeLegsIn(LegRole.CUSTOMER).isEmpty()) {
            return List.of(new Decision.Dequeue(QueueOutcome.ABANDONED, "the customer left while waiting"));
        }
        boolean noCsrLeft = session.activeLegsIn(LegRole.CSR).isEmpty();
        if (ended.role() == LegRole.CSR && queue.forSecondCsr()
                && (noCsrLeft || ended.id().equals(queue.fromLegId()))) {
            Queued.Purpose next = noCsrLeft ? Queued.Purpose.SERVE : Queued.Purpose.CONFERENCE;
            return List.of(new Decision.Enqueue(next, queue.subject(), null, null, ended.endpoint()
                    + " left; the session now waits for a " + (queue.subject() == null ? "" : queue.subject() + " ")
                    + "CSR to " + (noCsrLeft ? "serve the customer" : "join")));
        }
        return List.of();
    }

    protected static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static List<Decision> transferAfterLegEnded(ServiceSession session, Leg ended) {
        Optional<PendingTransfer> pending = session.pendingTransfer();
        if (pending.isEmpty()) {
            return List.of();
        }
        if (pending.get().toLegId().equals(ended.id())) {
            return List.of(new Decision.AbandonTransfer(TransferFailure.SECOND_GONE,
                    "second CSR " + ended.state().wire() + " before connecting"));
        }
        boolean secondConnected = session.leg(pending.get().toLegId())
                .map(second -> second.state() == LegState.CONNECTED).orElse(false);
        if (pending.get().fromLegId().equals(ended.id()) && secondConnected) {
            return List.of(new Decision.CompleteTransfer("first CSR left"));
        }
        // The first CSR left before the second connected: the transfer (and its deadline) stays.
        return List.of();
    }

    // ----------------------------------------------------------------------------------------------
    // Shared checks

    protected Optional<Refusal> checkSubject(String subject, boolean required) {
        if (subject == null) {
            return required && definition.declaresSubjects()
                    ? Optional.of(Refusal.of(Refusal.Code.SUBJECT_REQUIRED, "service " + definition.id()
                            + " needs a subject: one of " + definition.subjects().keySet().stream().sorted().toList()))
                    : Optional.empty();
        }
        if (definition.declaresSubjects() && !definition.subjects().containsKey(subject)) {
            return Optional.of(Refusal.of(Refusal.Code.UNKNOWN_SUBJECT, "service " + definition.id()
                    + " has no subject '" + subject + "'; it has "
                    + definition.subjects().keySet().stream().sorted().toList()));
        }
        return Optional.empty();
    }

    /** A named endpoint may be brought in: not already here, and a CSR must exist and be free. */
    protected Optional<Refusal> checkTarget(ServiceSession session, EndpointRef target, Situation situation) {
        if (session.isMember(target) || target.isCustomer() && session.activeLegs().stream()
                .anyMatch(leg -> target.id().equals(leg.label()))) {
            return Optional.of(Refusal.of(Refusal.Code.ALREADY_IN_SESSION, target + " is already in the session"));
        }
        if (!target.isCsr()) {
            return Optional.empty();
        }
        Optional<Candidate> csr = situation.csr(target);
        if (csr.isEmpty()) {
            return Optional.of(Refusal.of(Refusal.Code.ENDPOINT_NOT_FOUND, "no agent " + target.id()));
        }
        CsrState state = csr.get().state();
        if (state == CsrState.AWAY || state == CsrState.OFFLINE || state == CsrState.WRAP_UP) {
            return Optional.of(Refusal.of(Refusal.Code.ENDPOINT_UNAVAILABLE, target + " is " + state.wire()));
        }
        if (!csr.get().hasCapacity()) {
            return Optional.of(Refusal.of(Refusal.Code.ENDPOINT_UNAVAILABLE, target + " is at capacity"));
        }
        return Optional.empty();
    }

    /** Whether the session has room for one more of this endpoint (a transfer may exceed max-csrs by one). */
    protected Optional<Refusal> roomFor(ServiceSession session, EndpointRef endpoint, boolean transfer) {
        long csrs = session.activeLegsIn(LegRole.CSR).size();
        if (endpoint.isCsr() && csrs + 1 > definition.limits().maxCsrs() + (transfer ? 1 : 0)) {
            return Optional.of(Refusal.of(Refusal.Code.MAX_CSRS_REACHED,
                    "service " + definition.id() + " allows " + definition.limits().maxCsrs() + " CSRs at once"));
        }
        // Supervisors are not participants: a full room may still be supervised.
        long participants = session.activeLegs().stream().filter(leg -> leg.role() != LegRole.SUPERVISOR).count();
        if (participants + 1 > definition.limits().maxParticipants()) {
            return Optional.of(Refusal.of(Refusal.Code.MAX_PARTICIPANTS_REACHED, "service " + definition.id()
                    + " allows " + definition.limits().maxParticipants() + " endpoints at once"));
        }
        return Optional.empty();
    }

    private Optional<Refusal> mayInvite(ServiceSession session, Requester by) {
        if (by.operator()) {
            return Optional.empty();
        }
        if (!session.isMember(by.endpoint())) {
            return Optional.of(Refusal.of(Refusal.Code.NOT_A_MEMBER, by.endpoint() + " is not in this session"));
        }
        if (by.endpoint().isCustomer() && !definition.allow().customerInvites()) {
            return Optional.of(Refusal.of(Refusal.Code.CUSTOMER_INVITES_NOT_ALLOWED,
                    "service " + definition.id() + " does not let customers invite"));
        }
        return Optional.empty();
    }

    /**
     * Only staff name a customer into a session: what they name is a label on a new visitor's leg. A customer
     * naming a customer (another one's id, guessed or known) is refused.
     */
    protected static Optional<Refusal> mayName(Requester by, EndpointRef target) {
        if (target.isCustomer() && !by.operator() && !by.endpoint().isCsr()) {
            return Optional.of(Refusal.of(Refusal.Code.CUSTOMERS_NAMED_BY_STAFF,
                    "only staff may name a customer into a session"));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> csrMember(ServiceSession session, Requester by) {
        Optional<Leg> leg = session.activeLegOf(by.endpoint());
        if (leg.isEmpty()) {
            return Optional.of(Refusal.of(Refusal.Code.NOT_A_MEMBER, by.endpoint() + " is not in this session"));
        }
        if (leg.get().role() != LegRole.CSR) {
            return Optional.of(Refusal.of(Refusal.Code.ONLY_CSRS, "only a CSR in the session may do this"));
        }
        return Optional.empty();
    }

    /** Room for one more CSR, for a conference or transfer by subject (checked before the CSR is known). */
    private Optional<Refusal> roomForCsr(ServiceSession session, boolean transfer) {
        return roomFor(session, EndpointRef.csr("?"), transfer);
    }

    private static Optional<Refusal> notRouting(ServiceSession session) {
        return session.queued().map(q -> Refusal.of(Refusal.Code.ROUTING_IN_PROGRESS,
                "the session already waits for a " + (q.subject() == null ? "" : q.subject() + " ") + "CSR ("
                        + q.purpose().wire() + ")"));
    }

    private static Optional<Refusal> noTransferUnderWay(ServiceSession session) {
        return session.pendingTransfer().map(t -> Refusal.of(Refusal.Code.TRANSFER_IN_PROGRESS,
                "a transfer is under way; it completes when the second CSR connects"));
    }

    /** A named second CSR, as a verdict-in-waiting. */
    private Picked pickSecondCsr(ServiceSession session, EndpointRef to, Situation situation, boolean transfer) {
        if (to == null) {
            return Picked.refused(Refusal.of(Refusal.Code.TARGET_REQUIRED, "name a CSR (to) or a subject"));
        }
        if (!to.isCsr()) {
            return Picked.refused(Refusal.of(Refusal.Code.ONLY_CSRS, to + " is not a CSR"));
        }
        return checkTarget(session, to, situation).or(() -> roomFor(session, to, transfer))
                .map(Picked::refused).orElseGet(() -> new Picked(to, "", null));
    }

    private record Picked(EndpointRef csr, String why, Refusal refusal) {
        static Picked refused(Refusal refusal) {
            return new Picked(null, null, refusal);
        }

        Verdict map(BiFunction<EndpointRef, String, Verdict> allowed) {
            return refusal != null ? new Verdict.Refused(refusal) : allowed.apply(csr, why);
        }
    }
}
