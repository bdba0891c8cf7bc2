package io.parley.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.parley.routing.Ranking;
import io.parley.routing.RoutingStrategies;
import io.parley.routing.RoutingStrategy;
import io.parley.session.Candidate;
import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.PendingTransfer;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ServiceInstance;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.parley.session.TransferMode;
import io.parley.session.Verdict;
import java.util.function.BiFunction;

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
    protected abstract Verdict start(ServiceSession session, Request.Start start, List<Candidate> candidates);

    /** What follows when a leg has ended (after any transfer bookkeeping). */
    protected abstract List<Decision> afterLegEnded(ServiceSession session, Leg ended, List<Candidate> candidates);

    /** Whether a non-member may join by session id; by default only with an invitation. */
    protected Verdict joinUninvited(ServiceSession session, Requester by) {
        return Verdict.refuse(Refusal.Code.NOT_INVITED, by.endpoint() + " is not invited to this session");
    }

    @Override
    public final Verdict decide(ServiceSession session, Request request, List<Candidate> candidates) {
        return switch (request) {
            case Request.Start start -> start.by().operator()
                    ? Verdict.refuse(Refusal.Code.NOT_PERMITTED,
                            "an operator starts or joins by id, or acts on behalf of an endpoint (onBehalfOf)")
                    : start(session, start, candidates);
            case Request.Join join -> join(session, join.by());
            case Request.Invite invite -> invite(session, invite.by(), invite.target(), candidates);
            case Request.InviteForSubject invite -> inviteForSubject(session, invite.by(), invite.subject(),
                    candidates);
            case Request.Conference conference -> conference(session, conference, candidates);
            case Request.Transfer transfer -> transfer(session, transfer, candidates);
            case Request.RemoveLeg remove -> removeLeg(session, remove);
            case Request.End end -> end(session, end.by());
        };
    }

    @Override
    public final List<Decision> react(ServiceSession session, Happening happening, List<Candidate> candidates) {
        return switch (happening) {
            case Happening.LegConnected connected -> legConnected(session, connected.leg());
            case Happening.LegEnded ended -> {
                List<Decision> decisions = new ArrayList<>(transferAfterLegEnded(session, ended.leg()));
                decisions.addAll(afterLegEnded(session, ended.leg(), candidates));
                yield decisions;
            }
            case Happening.TransferExpired expired -> session.pendingTransfer()
                    .filter(expired.transfer()::equals)
                    .<List<Decision>>map(t -> List.of(new Decision.AbandonTransfer("second CSR did not connect within "
                            + definition.transferTimeout().toSeconds() + "s")))
                    .orElse(List.of());
        };
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

    private Verdict invite(ServiceSession session, Requester by, EndpointRef target, List<Candidate> candidates) {
        Optional<Refusal> refusal = mayInvite(session, by).or(() -> checkTarget(session, target, candidates))
                .or(() -> roomFor(session, target, false));
        return refusal.<Verdict>map(Verdict.Refused::new).orElseGet(() -> Verdict.allow(
                by.endpoint() + " invites " + target,
                new Decision.AddLeg(target, LegRole.of(target.kind()), LegState.INVITED)));
    }

    private Verdict inviteForSubject(ServiceSession session, Requester by, String subject, List<Candidate> candidates) {
        Optional<Refusal> refusal = mayInvite(session, by).or(() -> checkSubject(subject, true));
        if (refusal.isPresent()) {
            return new Verdict.Refused(refusal.get());
        }
        Ranking ranking = rank(session, subject, candidates);
        if (ranking.best().isEmpty()) {
            return Verdict.refuse(Refusal.Code.NO_AGENT_AVAILABLE, "no CSR fits " + subject + ": " + ranking.explain());
        }
        EndpointRef best = ranking.best().get().endpoint();
        return roomFor(session, best, false).<Verdict>map(Verdict.Refused::new).orElseGet(() -> Verdict.allow(
                by.endpoint() + " invites whoever fits " + subject + ": " + ranking.explain(),
                new Decision.AddLeg(best, LegRole.CSR, LegState.INVITED)));
    }

    private Verdict conference(ServiceSession session, Request.Conference request, List<Candidate> candidates) {
        Optional<Refusal> refusal = csrMember(session, request.by())
                .or(() -> definition.allow().conference() ? Optional.empty()
                        : Optional.of(Refusal.of(Refusal.Code.CONFERENCE_NOT_ALLOWED,
                                "service " + definition.id() + " does not allow conferences")))
                .or(() -> noTransferUnderWay(session));
        if (refusal.isPresent()) {
            return new Verdict.Refused(refusal.get());
        }
        return pickSecondCsr(session, request.to(), request.subject(), candidates, false).map(
                (csr, why) -> Verdict.allow(request.by().endpoint() + " conferences in " + csr + why,
                        new Decision.AddLeg(csr, LegRole.CSR, LegState.INVITED)));
    }

    private Verdict transfer(ServiceSession session, Request.Transfer request, List<Candidate> candidates) {
        Optional<Refusal> refusal = csrMember(session, request.by())
                .or(() -> definition.allow().transfer() ? Optional.empty()
                        : Optional.of(Refusal.of(Refusal.Code.TRANSFER_NOT_ALLOWED,
                                "service " + definition.id() + " does not allow transfers")))
                .or(() -> noTransferUnderWay(session));
        if (refusal.isPresent()) {
            return new Verdict.Refused(refusal.get());
        }
        String fromLegId = session.activeLegOf(request.by().endpoint()).orElseThrow().id();
        TransferMode mode = request.mode() == null ? TransferMode.COLD : request.mode();
        return pickSecondCsr(session, request.to(), request.subject(), candidates, true).map(
                (csr, why) -> Verdict.allow(request.by().endpoint() + " transfers (" + mode.wire() + ") to " + csr
                        + why, new Decision.BeginTransfer(fromLegId, csr, mode, definition.transferTimeout())));
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
        if (session.state() == SessionState.WAITING && leg.role() == LegRole.CSR) {
            decisions.add(new Decision.SetState(SessionState.ACTIVE, leg.endpoint() + " connected"));
        }
        return decisions;
    }

    private static List<Decision> transferAfterLegEnded(ServiceSession session, Leg ended) {
        Optional<PendingTransfer> pending = session.pendingTransfer();
        if (pending.isEmpty()) {
            return List.of();
        }
        if (pending.get().toLegId().equals(ended.id())) {
            return List.of(new Decision.AbandonTransfer("second CSR " + ended.state().wire() + " before connecting"));
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

    /** The ranking of CSRs for a subject, excluding everyone who has (or had) a leg here. */
    protected Ranking rank(ServiceSession session, String subject, List<Candidate> candidates) {
        Set<EndpointRef> exclude = session.legs().stream().map(Leg::endpoint).collect(Collectors.toSet());
        return strategy.rank(candidates, definition.requirementFor(subject), exclude, session.createdAt());
    }

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
    protected Optional<Refusal> checkTarget(ServiceSession session, EndpointRef target, List<Candidate> candidates) {
        if (session.isMember(target)) {
            return Optional.of(Refusal.of(Refusal.Code.ALREADY_IN_SESSION, target + " is already in the session"));
        }
        if (!target.isCsr()) {
            return Optional.empty();
        }
        Optional<Candidate> csr = candidates.stream().filter(c -> c.endpoint().equals(target)).findFirst();
        if (csr.isEmpty()) {
            return Optional.of(Refusal.of(Refusal.Code.ENDPOINT_NOT_FOUND, "no agent " + target.id()));
        }
        if (!csr.get().available()) {
            return Optional.of(Refusal.of(Refusal.Code.ENDPOINT_UNAVAILABLE, target + " is not available"));
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
        if (session.activeLegs().size() + 1 > definition.limits().maxParticipants()) {
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

    private static Optional<Refusal> noTransferUnderWay(ServiceSession session) {
        return session.pendingTransfer().map(t -> Refusal.of(Refusal.Code.TRANSFER_IN_PROGRESS,
                "a transfer is under way; it completes when the second CSR connects"));
    }

    /** A second CSR, named or picked for a subject, as a verdict-in-waiting. */
    private Picked pickSecondCsr(ServiceSession session, EndpointRef to, String subject, List<Candidate> candidates,
            boolean transfer) {
        if (to == null && subject == null) {
            return Picked.refused(Refusal.of(Refusal.Code.TARGET_REQUIRED, "name a CSR (to) or a subject"));
        }
        if (to != null) {
            if (!to.isCsr()) {
                return Picked.refused(Refusal.of(Refusal.Code.ONLY_CSRS, to + " is not a CSR"));
            }
            return checkTarget(session, to, candidates).or(() -> roomFor(session, to, transfer))
                    .map(Picked::refused).orElseGet(() -> new Picked(to, "", null));
        }
        Optional<Refusal> unknown = checkSubject(subject, true);
        if (unknown.isPresent()) {
            return Picked.refused(unknown.get());
        }
        Ranking ranking = rank(session, subject, candidates);
        if (ranking.best().isEmpty()) {
            return Picked.refused(Refusal.of(Refusal.Code.NO_AGENT_AVAILABLE,
                    "no CSR fits " + subject + ": " + ranking.explain()));
        }
        EndpointRef best = ranking.best().get().endpoint();
        return roomFor(session, best, transfer).map(Picked::refused)
                .orElseGet(() -> new Picked(best, " for " + subject + " (" + ranking.explain() + ")", null));
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
