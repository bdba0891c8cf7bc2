package io.parley.session;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private final Supplier<String> legIds;

    public SessionInstance(Supplier<String> legIds) {
        this.legIds = Objects.requireNonNull(legIds);
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
            List<Candidate> candidates, Instant now) {
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
                List<Decision> reactions = service.react(current, step.happening, candidates);
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
            ServiceInstance service, List<Candidate> candidates, Instant now) {
        Leg leg = session.leg(legId).filter(Leg::isActive)
                .orElseThrow(() -> new IllegalArgumentException("no active leg " + legId));
        Leg reported = leg.withChannels(channels);
        boolean connects = leg.state() != LegState.CONNECTED
                && reported.channel(Channel.CONTROL) == ChannelState.CONNECTED;
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
        Applied reaction = run(next, service.react(next, new Happening.LegConnected(reported), candidates),
                service, candidates, now);
        events.addAll(reaction.events());
        return new Applied(reaction.session(), List.copyOf(events), reaction.addedLegs());
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
            case Decision.EndLeg end -> endLeg(session, end.legId(), end.outcome(), now);
            case Decision.BeginTransfer begin -> beginTransfer(session, begin, now);
            case Decision.CompleteTransfer complete -> session.pendingTransfer()
                    .map(t -> new Step(withTransfer(session, null),
                            List.of(new SessionEvent.TransferCompleted(t.fromLegId(), t.toLegId(), complete.reason())),
                            null, null))
                    .orElseGet(() -> Step.none(session));
            case Decision.AbandonTransfer abandon -> abandonTransfer(session, abandon.reason(), now);
            case Decision.SetState set -> set.state() == session.state()
                    ? Step.none(session)
                    : new Step(withState(session, set.state()),
                            List.of(new SessionEvent.StateChanged(set.state(), set.reason())), null, null);
            case Decision.EndSession end -> endSession(session, end.reason(), now);
        };
    }

    private Step addLeg(ServiceSession session, EndpointRef endpoint, LegRole role, LegState initial, Instant now) {
        if (session.isMember(endpoint)) {
            return Step.none(session);
        }
        Leg leg = new Leg(legIds.get(), endpoint, role, initial, Map.of(), now);
        List<Leg> legs = new ArrayList<>(session.legs());
        legs.add(leg);
        ServiceSession next = bump(session, legs, session.transfer(), session.state());
        return new Step(next, List.of(new SessionEvent.LegAdded(leg)), leg, null);
    }

    private Step endLeg(ServiceSession session, String legId, LegState outcome, Instant now) {
        if (outcome.isActive()) {
            throw new IllegalArgumentException("a leg cannot end as " + outcome);
        }
        Leg leg = session.leg(legId).orElse(null);
        if (leg == null || !leg.isActive()) {
            return Step.none(session);
        }
        Leg ended = leg.withState(outcome, now);
        return new Step(replaceLeg(session, ended), List.of(new SessionEvent.LegUpdated(ended)), null,
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

    private Step abandonTransfer(ServiceSession session, String reason, Instant now) {
        PendingTransfer transfer = session.transfer();
        if (transfer == null) {
            return Step.none(session);
        }
        ServiceSession cleared = withTransfer(session, null);
        List<SessionEvent> events = new ArrayList<>();
        events.add(new SessionEvent.TransferFailed(transfer.fromLegId(), transfer.toLegId(), reason));
        Step failed = endLeg(cleared, transfer.toLegId(), LegState.FAILED, now);
        events.addAll(failed.events);
        return new Step(failed.session, events, null, failed.happening);
    }

    private Step endSession(ServiceSession session, String reason, Instant now) {
        List<SessionEvent> events = new ArrayList<>();
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
                SessionState.ENDED, legs, null, session.version() + 1, session.createdAt(), now, reason);
        return new Step(ended, events, null, null);
    }

    private static ServiceSession replaceLeg(ServiceSession session, Leg replacement) {
        List<Leg> legs = session.legs().stream()
                .map(leg -> leg.id().equals(replacement.id()) ? replacement : leg)
                .toList();
        return bump(session, legs, session.transfer(), session.state());
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
                session.version() + 1, session.createdAt(), session.endedAt(), session.endReason());
    }
}
