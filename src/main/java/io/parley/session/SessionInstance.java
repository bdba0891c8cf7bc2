package io.parley.session;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The generic half of a service-session: keeps the roster and carries out decisions (add, invite,
 * remove, transfer, end), the same for every service. After each decision it asks the
 * {@link ServiceInstance} how to react to what happened (a leg ended, a leg connected), until nothing
 * more follows. Pure: the same inputs give the same outputs.
 */
public final class SessionInstance {

    /** A guard against behaviours that keep reacting to their own decisions. */
    private static final int MAX_DECISIONS = 64;

    private final Supplier<String> ids;

    /** @param ids new leg and offer ids */
    public SessionInstance(Supplier<String> ids) {
        this.ids = Objects.requireNonNull(ids);
    }

    /** The outcome of carrying out decisions: the new state, what changed, and the legs added. */
    public record Applied(ServiceSession session, List<SessionEvent> events, List<Leg> addedLegs) {

        public boolean changed() {
            return !events.isEmpty();
        }
    }

    /**
     * Carries out the decisions in order, then the service instance's reactions to what they caused.
     */
    public Applied run(ServiceSession session, List<Decision> decisions, ServiceInstance service,
            Situation situation) {
        Instant now = situation.now();
        Deque<Decision> pending = new ArrayDeque<>(decisions);
        List<SessionEvent> events = new ArrayList<>();
        List<Leg> added = new ArrayList<>();
        ServiceSession current = session;
        int carried = 0;
        while (!pending.isEmpty()) {
            if (++carried > MAX_DECISIONS) {
                throw new IllegalStateException("service " + session.serviceId() + " did not settle after "
                        + MAX_DECISIONS + " decisions in session " + session.id());
            }
            Step step = carryOut(current, pending.removeFirst(), now);
            current = step.session;
            events.addAll(step.events);
            if (step.added != null) {
                added.add(step.added);
            }
            if (step.happening != null && !current.isEnded()) {
                List<Decision> reactions = service.react(current, step.happening, situation);
                for (int i = reactions.size() - 1; i >= 0; i--) {
                    pending.addFirst(reactions.get(i));
                }
            }
        }
        return new Applied(current, List.copyOf(events), List.copyOf(added));
    }

    /**
     * Records a leg message: the endpoint's channel states. When it reports its control channel
     * connected, an invited or joining leg becomes {@code connected} and the service instance reacts.
     */
    public Applied report(ServiceSession session, String legId, Map<Channel, ChannelState> channels,
            ServiceInstance service, Situation situation) {
        Instant now = situation.now();
        Leg leg = session.leg(legId).filter(Leg::isActive)
                .orElseThrow(() -> new IllegalArgumentException("no active leg " + legId));
        Leg reported = leg.withChannels(channels);
        boolean connects = connects(leg, channels);
        if (connects) {
            reported = reported.withState(LegState.CONNECTED, now);
        }
        if (reported.equals(leg)) {
            return new Applied(session, List.of(), List.of());
        }
        ServiceSession next = replaceLeg(session, reported);
        List<SessionEvent> events = new ArrayList<>(List.of(new SessionEvent.LegUpdated(reported)));
        if (!connects) {
            return new Applied(next, events, List.of());
        }
        Applied reaction = run(next, service.react(next, new Happening.LegConnected(reported), situation),
                service, situation);
        events.addAll(reaction.events());
        return new Applied(reaction.session(), List.copyOf(events), reaction.addedLegs());
    }

    /**
     * Whether this leg message connects the leg: it was not connected and its control channel is now (only
     * then does the service instance react to it).
     */
    public static boolean connects(Leg leg, Map<Channel, ChannelState> channels) {
        return leg.state() != LegState.CONNECTED
                && leg.withChannels(channels).channel(Channel.CONTROL) == ChannelState.CONNECTED;
    }

    private record Step(ServiceSession session, List<SessionEvent> events, Leg added, Happening happening) {
        static Step none(ServiceSession session) {
            return new Step(session, List.of(), null, null);
        }
    }

    private Step carryOut(ServiceSession session, Decision decision, Instant now) {
        if (session.isEnded()) {
            return Step.none(session);
        }
        return switch (decision) {
            case Decision.AddLeg add -> addLeg(session, add.endpoint(), add.role(), add.initial(), now);
            case Decision.Supervise supervise -> supervise(session, supervise, now);
            case Decision.TakeOver takeOver -> session.leg(takeOver.legId())
                    .filter(leg -> leg.isActive() && leg.role() == LegRole.SUPERVISOR)
                    .map(leg -> {
                        Leg csr = leg.tookOver();
                        return new Step(replaceLeg(session, csr), List.of(new SessionEvent.TakenOver(csr,
                                takeOver.reason())), null, null);
                    })
                    .orElseGet(() -> Step.none(session));
            case Decision.EndLeg end -> endLeg(session, end.legId(), end.outcome(), end.reason(), now);
            case Decision.BeginTransfer begin -> beginTransfer(session, begin, now);
            case Decision.CompleteTransfer complete -> session.pendingTransfer()
                    .map(t -> new Step(withTransfer(session, null),
                            List.of(new SessionEvent.TransferCompleted(t.fromLegId(), t.toLegId(), complete.reason())),
                            null, null))
                    .orElseGet(() -> Step.none(session));
            case Decision.AbandonTransfer abandon -> abandonTransfer(session, abandon, now);
            case Decision.SetState set -> set.state() == session.state()
                    ? Step.none(session)
                    : new Step(withState(session, set.state()),
                            List.of(new SessionEvent.StateChanged(set.state(), set.reason())), null, null);
            case Decision.EndSession end -> endSession(session, end.reason(), now);
            case Decision.Enqueue enqueue -> enqueue(session, enqueue, now);
            case Decision.MakeOffers offers -> makeOffers(session, offers, now);
            case Decision.CloseOffer close -> closeOffer(session, close, now);
            case Decision.KeepWaiting waiting -> session.queued().isEmpty() ? Step.none(session)
                    : new Step(session, List.of(new SessionEvent.RoutingWaits(waiting.explanation())), null, null);
            case Decision.Dequeue dequeue -> dequeue(session, dequeue.outcome(), dequeue.reason());
            case Decision.MoveToService move -> move.serviceId().equals(session.serviceId()) ? Step.none(session)
                    : new Step(new ServiceSession(session.id(), move.serviceId(), session.subject(), session.state(),
                            session.legs(), session.transfer(), session.queue(), session.version() + 1,
                            session.createdAt(), session.endedAt(), session.endReason()),
                            List.of(new SessionEvent.ServiceChanged(session.serviceId(), move.serviceId(),
                                    move.reason())),
                            null, null);
        };
    }

    /** Enters the queue, or changes what the session waits for while keeping its place and its offers. */
    private Step enqueue(ServiceSession session, Decision.Enqueue enqueue, Instant now) {
        // A CSR asking one named CSR to join or take over asks that one alone; a customer naming one does not.
        EndpointRef named = enqueue.purpose() == Queued.Purpose.SERVE ? null : enqueue.askedFor();
        Queued queue = session.queued()
                .map(q -> new Queued(enqueue.purpose(), enqueue.subject(), q.since(), enqueue.fromLegId(),
                        enqueue.mode(), q.passed(), q.offers(), named, enqueue.note()))
                .orElseGet(() -> new Queued(enqueue.purpose(), enqueue.subject(), now, enqueue.fromLegId(),
                        enqueue.mode(), Map.of(), List.of(), named, enqueue.note()));
        return new Step(withQueue(session, queue), List.of(new SessionEvent.Enqueued(queue, enqueue.reason())), null,
                new Happening.Enqueued(enqueue.askedFor()));
    }

    private Step makeOffers(ServiceSession session, Decision.MakeOffers make, Instant now) {
        Queued queue = session.queue();
        if (queue == null || make.csrs().isEmpty()) {
            return Step.none(session);
        }
        List<Offer> offers = new ArrayList<>(queue.offers());
        List<SessionEvent> events = new ArrayList<>();
        for (EndpointRef csr : make.csrs()) {
            if (offers.stream().anyMatch(o -> o.csr().equals(csr))) {
                continue;
            }
            Offer offer = new Offer(ids.get(), csr, now, now.plus(make.timeout()));
            offers.add(offer);
            events.add(new SessionEvent.OfferMade(offer, queue.purpose(), queue.subject(), make.explanation()));
        }
        return new Step(withQueue(session, queue.withOffers(offers)), events, null, null);
    }

    private Step closeOffer(ServiceSession session, Decision.CloseOffer close, Instant now) {
        Queued queue = session.queue();
        Offer offer = queue == null ? null : queue.offer(close.offerId()).orElse(null);
        if (offer == null) {
            return Step.none(session);
        }
        Happening happening = close.outcome() == OfferOutcome.ACCEPTED ? null
                : new Happening.OfferClosed(offer, close.outcome());
        return new Step(withQueue(session, queue.closing(offer, close.outcome(), now)),
                List.of(new SessionEvent.OfferClosed(offer, close.outcome(), close.reason())), null, happening);
    }

    private Step dequeue(ServiceSession session, QueueOutcome outcome, String reason) {
        Queued queue = session.queue();
        if (queue == null) {
            return Step.none(session);
        }
        List<SessionEvent> events = new ArrayList<>();
        for (Offer offer : queue.offers()) {
            events.add(new SessionEvent.OfferClosed(offer, OfferOutcome.WITHDRAWN, reason));
        }
        events.add(new SessionEvent.Dequeued(queue, outcome, reason));
        return new Step(withQueue(session, null), events, null, null);
    }

    private Step addLeg(ServiceSession session, EndpointRef endpoint, LegRole role, LegState initial, Instant now) {
        if (initial == LegState.INVITED && endpoint.isCustomer()) {
            // A customer named by someone else (a CSR's reference, a "with", an invite) is a label on the leg,
            // never an identity a link or token could assume: the leg is a new visitor's, whoever opens the link.
            Leg leg = new Leg(ids.get(), EndpointRef.customer("v-" + ids.get()), role, initial, Map.of(), now,
                    endpoint.id());
            return added(session, leg);
        }
        if (session.isMember(endpoint)) {
            return Step.none(session);
        }
        return added(session, new Leg(ids.get(), endpoint, role, initial, Map.of(), now));
    }

    /** A new supervisor's leg in the mode, or the supervisor's leg switched to it. */
    private Step supervise(ServiceSession session, Decision.Supervise supervise, Instant now) {
        Optional<Leg> existing = session.activeLegOf(supervise.endpoint());
        if (existing.isEmpty()) {
            return added(session, new Leg(ids.get(), supervise.endpoint(), LegRole.SUPERVISOR, LegState.JOINING,
                    Map.of(), now, null, supervise.mode()));
        }
        Leg leg = existing.get();
        if (leg.role() != LegRole.SUPERVISOR || leg.supervision() == supervise.mode()) {
            return Step.none(session);
        }
        Leg switched = leg.supervising(supervise.mode());
        return new Step(replaceLeg(session, switched), List.of(new SessionEvent.SupervisionChanged(switched,
                leg.supervision(), supervise.endpoint() + " " + doing(supervise.mode()))), null, null);
    }

    private static String doing(Supervision mode) {
        return switch (mode) {
            case MONITOR -> "monitors";
            case WHISPER -> "whispers to the CSRs";
            case BARGE -> "barges in";
        };
    }

    private Step added(ServiceSession session, Leg leg) {
        List<Leg> legs = new ArrayList<>(session.legs());
        legs.add(leg);
        ServiceSession next = bump(session, legs, session.transfer(), session.state());
        return new Step(next, List.of(new SessionEvent.LegAdded(leg)), leg, null);
    }

    private Step endLeg(ServiceSession session, String legId, LegState outcome, Instant now) {
        return endLeg(session, legId, outcome, null, now);
    }

    private Step endLeg(ServiceSession session, String legId, LegState outcome, String reason, Instant now) {
        if (outcome.isActive()) {
            throw new IllegalArgumentException("a leg cannot end as " + outcome);
        }
        Leg leg = session.leg(legId).orElse(null);
        if (leg == null || !leg.isActive()) {
            return Step.none(session);
        }
        Leg ended = leg.withState(outcome, now);
        return new Step(replaceLeg(session, ended), List.of(new SessionEvent.LegUpdated(ended, reason)), null,
                new Happening.LegEnded(ended));
    }

    private Step beginTransfer(ServiceSession session, Decision.BeginTransfer begin, Instant now) {
        Step invited = addLeg(session, begin.to(), LegRole.CSR, LegState.INVITED, now);
        if (invited.added == null) {
            return Step.none(session);
        }
        PendingTransfer transfer = new PendingTransfer(begin.fromLegId(), invited.added.id(), begin.mode(),
                now.plus(begin.timeout()));
        List<SessionEvent> events = new ArrayList<>(invited.events);
        events.add(new SessionEvent.TransferStarted(transfer, begin.to()));
        return new Step(withTransfer(invited.session, transfer), events, invited.added, null);
    }

    private Step abandonTransfer(ServiceSession session, Decision.AbandonTransfer abandon, Instant now) {
        PendingTransfer transfer = session.transfer();
        if (transfer == null) {
            return Step.none(session);
        }
        ServiceSession cleared = withTransfer(session, null);
        List<SessionEvent> events = new ArrayList<>();
        events.add(new SessionEvent.TransferFailed(transfer.fromLegId(), transfer.toLegId(), abandon.reason(),
                abandon.failure()));
        Step failed = endLeg(cleared, transfer.toLegId(), LegState.FAILED, now);
        events.addAll(failed.events);
        return new Step(failed.session, events, null, failed.happening);
    }

    private Step endSession(ServiceSession session, String reason, Instant now) {
        List<SessionEvent> events = new ArrayList<>(dequeue(session, QueueOutcome.CANCELLED, reason).events);
        List<Leg> legs = new ArrayList<>();
        for (Leg leg : session.legs()) {
            if (leg.isActive()) {
                Leg left = leg.withState(LegState.LEFT, now);
                legs.add(left);
                events.add(new SessionEvent.LegUpdated(left));
            } else {
                legs.add(leg);
            }
        }
        events.add(new SessionEvent.Ended(reason));
        ServiceSession ended = new ServiceSession(session.id(), session.serviceId(), session.subject(),
                SessionState.ENDED, legs, null, null, session.version() + 1, session.createdAt(), now, reason);
        return new Step(ended, events, null, null);
    }

    private static ServiceSession replaceLeg(ServiceSession session, Leg replacement) {
        List<Leg> legs = session.legs().stream()
                .map(leg -> leg.id().equals(replacement.id()) ? replacement : leg)
                .toList();
        return bump(session, legs, session.transfer(), session.state());
    }

    private static ServiceSession withQueue(ServiceSession session, Queued queue) {
        return new ServiceSession(session.id(), session.serviceId(), session.subject(), session.state(),
                session.legs(), session.transfer(), queue, session.version() + 1, session.createdAt(),
                session.endedAt(), session.endReason());
    }

    private static ServiceSession withTransfer(ServiceSession session, PendingTransfer transfer) {
        return bump(session, session.legs(), transfer, session.state());
    }

    private static ServiceSession withState(ServiceSession session, SessionState state) {
        return bump(session, session.legs(), session.transfer(), state);
    }

    private static ServiceSession bump(ServiceSession session, List<Leg> legs, PendingTransfer transfer,
            SessionState state) {
        return new ServiceSession(session.id(), session.serviceId(), session.subject(), state, legs, transfer,
                session.queue(), session.version() + 1, session.createdAt(), session.endedAt(),
                session.endReason());
    }
}
