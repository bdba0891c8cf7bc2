package io.parley.system.change;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.service.ServiceCatalogue;
import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.Happening;
import io.parley.session.Leg;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.ServiceInstance;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.session.SessionInstance;
import io.parley.session.Situation;
import io.parley.system.Outcome;
import io.parley.system.store.CsrSituations;
import io.parley.system.store.SessionStore;
import io.parley.system.store.SqlStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * How a change to an existing session runs: in a transaction that first locks the session (one writer per
 * session, on any replica), deciding with the CSRs it looks at (all of them only when it must), carrying the
 * decisions out through the generic {@link SessionInstance}, and trying again when it raced another change.
 * A change is stored by {@link ChangeWriter} and announced by {@link ChangeAnnouncer} after it commits.
 */
@ApplicationScoped
public class SessionTransaction {

    private static final Logger LOG = Logger.getLogger(SessionTransaction.class);

    private final SessionStore store;
    private final CsrSituations situations;
    private final ChangeWriter writer;
    private final ServiceCatalogue catalogue;
    private final SessionInstance sessionInstance = new SessionInstance(() -> UUID.randomUUID().toString());

    public SessionTransaction(SessionStore store, CsrSituations situations, ChangeWriter writer,
            ServiceCatalogue catalogue) {
        this.store = store;
        this.situations = situations;
        this.writer = writer;
        this.catalogue = catalogue;
    }

    /** The generic session instance: what every service's decisions are carried out by. */
    SessionInstance sessionInstance() {
        return sessionInstance;
    }

    /**
     * Runs {@code change} in a transaction holding the session's row lock, or refuses when there is no
     * such session or it has ended. The one way every change to an existing session begins.
     */
    public <T> Uni<Outcome<T>> locked(UUID sessionId, Function<SessionStore.Loaded, Uni<Outcome<T>>> change) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> store.lock(sessionId).flatMap(found -> {
            Optional<Refusal> refusal = openSession(found, sessionId);
            return refusal.isPresent() ? Uni.createFrom().item(Outcome.<T>refused(refusal.get()))
                    : change.apply(found.orElseThrow());
        })))
                // Two sessions offering the same CSR at once: the loser decides again, and sees the offer.
                .onFailure(SessionTransaction::raced).retry().atMost(3);
    }

    /**
     * The service reacts to {@code happening} in a locked session (decisions {@code react} gives, none for nothing
     * to do), and what it decided is stored, {@code why} in the log.
     */
    public Uni<Outcome<Change>> react(SessionStore.Loaded loaded, Function<Situation, List<Decision>> react,
            String why) {
        return deciding(scope(loaded.session()), situation -> {
            List<Decision> decisions = react.apply(situation);
            if (decisions.isEmpty()) {
                return Uni.createFrom().item(Outcome.<Change>done(unchanged(loaded.session())));
            }
            return writer.store(loaded, apply(loaded.session(), decisions, situation), null, why, situation.now(),
                    false);
        });
    }

    /**
     * Carries out decisions; when they move the session to another service (overflow), that service's
     * instance takes over and decides what follows, within the same change.
     */
    SessionInstance.Applied apply(ServiceSession session, List<Decision> decisions, Situation situation) {
        SessionInstance.Applied applied = sessionInstance.run(session, decisions, instanceOf(session), situation);
        List<SessionEvent> events = new ArrayList<>(applied.events());
        List<Leg> added = new ArrayList<>(applied.addedLegs());
        String serviceId = session.serviceId();
        for (int hops = 0; hops < 4 && !applied.session().serviceId().equals(serviceId)
                && !applied.session().isEnded(); hops++) {
            String from = serviceId;
            serviceId = applied.session().serviceId();
            ServiceInstance next = instanceOf(applied.session());
            applied = sessionInstance.run(applied.session(),
                    next.react(applied.session(), new Happening.MovedIn(from), situation), next, situation);
            events.addAll(applied.events());
            added.addAll(applied.addedLegs());
        }
        return new SessionInstance.Applied(applied.session(), List.copyOf(events), List.copyOf(added));
    }

    /**
     * Decides with the CSRs of {@code scope} read; a decision that reaches past them (routing picks among every
     * CSR, "whoever fits") is decided again with every CSR. {@code decide} writes only once it has decided, so
     * a decision given up on has written nothing.
     */
    <T> Uni<T> deciding(Set<EndpointRef> scope, Function<Situation, Uni<T>> decide) {
        return situations.of(scope).flatMap(decide::apply).onFailure(Situation.Incomplete.class)
                .recoverWithUni(() -> situations.all().flatMap(decide::apply));
    }

    /** Whom a decision about {@code session} is expected to look at: the endpoints of its legs. */
    static Set<EndpointRef> scope(ServiceSession session) {
        return session.legs().stream().map(Leg::endpoint).collect(Collectors.toSet());
    }

    /** ... and the one asking and the one it names. */
    static Set<EndpointRef> scope(ServiceSession session, Request request) {
        Set<EndpointRef> scope = new HashSet<>(scope(session));
        scope.add(request.by().endpoint());
        EndpointRef named = switch (request) {
            case Request.Start start -> start.with();
            case Request.Invite invite -> invite.target();
            case Request.Conference conference -> conference.to();
            case Request.Transfer transfer -> transfer.to();
            case Request.Join join -> null;
            case Request.Supervise supervise -> null;
            case Request.TakeOver takeOver -> null;
            case Request.Pick pick -> null;
            case Request.InviteForSubject invite -> null;
            case Request.RemoveLeg remove -> null;
            case Request.CancelHandover cancel -> null;
            case Request.End end -> null;
            case Request.AcceptOffer accept -> null;
            case Request.DeclineOffer decline -> null;
        };
        if (named != null) {
            scope.add(named);
        }
        return scope;
    }

    /** The service instance of the session's service. */
    public ServiceInstance instanceOf(ServiceSession session) {
        return catalogue.instance(session.serviceId()).orElseThrow(() -> new IllegalStateException(
                "session " + session.id() + " belongs to service '" + session.serviceId()
                        + "', which is no longer configured"));
    }

    /** Why a change to the session is refused before anything is decided: it does not exist, or it has ended. */
    public static Optional<Refusal> openSession(Optional<SessionStore.Loaded> found, UUID sessionId) {
        if (found.isEmpty()) {
            return Optional.of(Refusal.of(Refusal.Code.SESSION_NOT_FOUND, "no session " + sessionId));
        }
        if (found.get().session().isEnded()) {
            return Optional.of(Refusal.of(Refusal.Code.SESSION_ENDED, "session " + sessionId + " has ended"));
        }
        return Optional.empty();
    }

    /** A change that changed nothing (the service had nothing to do). */
    public static Change unchanged(ServiceSession session) {
        return new Change(session, List.of(), List.of(), false, "nothing to do", List.of(), null);
    }

    /**
     * Two changes met: two routing decisions offered the same CSR (one open offer per agent), two customers opened
     * the same subject's room (one open room per subject), or two transactions deadlocked. Deciding again sees the
     * first one's result.
     */
    static boolean raced(Throwable failure) {
        boolean raced = SqlStates.raced(failure);
        if (raced) {
            LOG.debug("Two changes raced; deciding again", failure);
        }
        return raced;
    }
}
