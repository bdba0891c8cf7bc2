package io.parley.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.parley.session.CsrState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The agent directory: seeded from configuration, changed over REST, persisted. */
@ApplicationScoped
public class AgentService {

    private static final Logger LOG = Logger.getLogger(AgentService.class);

    private final AgentRepository repository;
    private final AgentsConfig config;
    private final Clock clock;
    private final AgentNames names;

    public AgentService(AgentRepository repository, AgentsConfig config, Clock clock, AgentNames names) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
        this.names = names;
    }

    void seed(@Observes StartupEvent started) throws Throwable {
        List<String> problems = config.agents().entrySet().stream()
                .flatMap(entry -> profileOf(entry.getValue()).problems().stream()
                        .map(problem -> "parley.agents." + entry.getKey() + "." + problem))
                .toList();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid agent configuration:\n  " + String.join("\n  ", problems));
        }
        List<String> leftOut = new ArrayList<>();
        int added = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom()
                .iterable(config.agents().entrySet())
                .onItem().transformToUniAndConcatenate(entry -> repository.findById(entry.getKey())
                        .flatMap(existing -> {
                            if (existing != null) {
                                // In the directory already, or removed from it by an operator: left as it is.
                                if (!existing.listed()) {
                                    leftOut.add(existing.id);
                                }
                                return Uni.createFrom().item(0);
                            }
                            return repository.persist(newEntity(entry.getKey(), profileOf(entry.getValue()),
                                    entry.getValue().presence())).replaceWith(1);
                        }))
                .collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())));
        LOG.infof("Agent directory: %d of %d configured agents added", added, config.agents().size());
        if (!leftOut.isEmpty()) {
            LOG.warnf("Agent directory: %s configured but removed by an operator, so not added again (remove them from "
                    + "parley.agents, or add one back with PUT /api/agents/{id})", leftOut);
        }
        // Every name, a removed agent's too: transcripts and rosters of its past sessions name it.
        VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.listAll()
                .invoke(all -> all.forEach(entity -> names.remember(entity.toAgent())))));
    }

    @WithSession
    public Uni<List<Agent>> list() {
        return listInSession();
    }

    /** An agent of the directory (not one removed from it). */
    @WithSession
    public Uni<Optional<Agent>> find(String id) {
        return listed(id).map(entity -> Optional.ofNullable(entity).map(AgentEntity::toAgent))
                .invoke(found -> found.ifPresent(names::remember));
    }

    /** Whether the directory has, or had before an operator removed it, an agent with this id. */
    @WithSession
    public Uni<Boolean> known(String id) {
        return repository.findById(id).map(entity -> entity != null);
    }

    /** What a {@code PUT} stored: the agent, and whether it had been removed and is back in the directory now. */
    public record Put(Agent agent, boolean readmitted) {
    }

    /**
     * Creates or replaces an agent's profile; presence and idle time are kept. An agent an operator removed is
     * added again, offline (it signs in to go on duty), and its event log says so.
     */
    @WithTransaction
    public Uni<Put> put(String id, AgentProfile profile, String by) {
        return repository.findById(id).flatMap(existing -> {
            if (existing == null) {
                return repository.persist(newEntity(id, profile, Presence.OFFLINE))
                        .map(entity -> new Put(entity.toAgent(), false));
            }
            Instant now = clock.instant();
            existing.displayName = profile.displayName();
            existing.skills = profile.skills();
            existing.maxSessions = profile.maxSessions();
            existing.updatedAt = now;
            if (existing.listed()) {
                return Uni.createFrom().item(new Put(existing.toAgent(), false));
            }
            existing.removedAt = null;
            existing.presence = Presence.OFFLINE;
            existing.presenceSince = now;
            existing.idleSince = now;
            existing.wrapUpUntil = null;
            existing.missedOffers = 0;
            existing.state = CsrState.OFFLINE.wire();
            return Panache.getSession().flatMap(s -> s.persist(event(id, CsrState.OFFLINE,
                    "added to the directory again by " + by, now))).replaceWith(new Put(existing.toAgent(), true));
        }).invoke(put -> names.remember(put.agent()));
    }

    /**
     * What removing an agent did: when it was removed, and the state change to announce (empty when it had been
     * removed already: nothing changed again).
     */
    public record Removal(Agent agent, Instant removedAt, Optional<StateChange> change) {
    }

    /**
     * Takes the agent out of the directory, inside the caller's transaction: it is no longer listed or routed to,
     * it is offline, and its row stays (its history stays readable, and start-up does not add it again from
     * configuration). Empty when there is no such agent; an agent removed before answers when that was.
     */
    public Uni<Optional<Removal>> remove(String id, String reason, Instant now) {
        return repository.findById(id).flatMap(entity -> {
            if (entity == null) {
                return Uni.createFrom().item(Optional.<Removal>empty());
            }
            if (!entity.listed()) {
                return Uni.createFrom().item(Optional.of(new Removal(entity.toAgent(), entity.removedAt,
                        Optional.empty())));
            }
            CsrState previous = CsrState.fromWire(entity.state);
            entity.removedAt = now;
            entity.presence = Presence.OFFLINE;
            entity.presenceSince = now;
            entity.updatedAt = now;
            entity.state = CsrState.OFFLINE.wire();
            return Panache.getSession().flatMap(s -> s.persist(event(id, CsrState.OFFLINE, reason, now)))
                    .replaceWith(Optional.of(new Removal(entity.toAgent(), now, Optional.of(new StateChange(id,
                            previous, CsrState.OFFLINE, reason, now)))));
        });
    }

    /** The ids of the agents operators removed from the directory, inside the caller's session. */
    public Uni<List<String>> removedIds() {
        return repository.list("removedAt is not null").map(entities -> entities.stream().map(e -> e.id).toList());
    }

    /**
     * Sets presence, inside the caller's transaction; empty when there is no such agent. Becoming
     * available restarts the idle clock; setting available (again) forgets unanswered offers and ends
     * the after-session time, as a "ready" button does.
     */
    public Uni<Optional<Agent>> setPresence(String id, Presence presence) {
        return listed(id).map(entity -> {
            if (entity == null) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (entity.presence != presence) {
                entity.presence = presence;
                entity.presenceSince = now;
                if (presence == Presence.AVAILABLE) {
                    entity.idleSince = now;
                }
                entity.updatedAt = now;
            }
            if (presence == Presence.AVAILABLE) {
                // "Ready": unanswered offers are forgiven and any after-session time ends now.
                entity.missedOffers = 0;
                if (entity.wrapUpUntil != null && entity.wrapUpUntil.isAfter(now)) {
                    entity.wrapUpUntil = now;
                    entity.updatedAt = now;
                }
            }
            return Optional.of(entity.toAgent());
        });
    }

    /**
     * Records that the agent finished a session now: the idle clock restarts (longest-idle), the time
     * in the session adds to its talk time, and its after-session time begins. Inside the caller's
     * transaction.
     */
    public Uni<Void> finishedSession(String id, Instant at, Duration talk, Duration wrapUp) {
        return repository.findById(id).invoke(entity -> {
            if (entity != null) {
                entity.idleSince = at;
                entity.talkMillis += Math.max(0, talk.toMillis());
                if (!wrapUp.isZero()) {
                    Instant until = at.plus(wrapUp);
                    entity.wrapUpUntil = entity.wrapUpUntil == null || until.isAfter(entity.wrapUpUntil) ? until
                            : entity.wrapUpUntil;
                }
            }
        }).replaceWithVoid();
    }

    /** Records that the agents were made an offer now (round-robin). Inside the caller's transaction. */
    public Uni<Void> offered(String id, Instant at) {
        return repository.findById(id).invoke(entity -> {
            if (entity != null) {
                entity.lastOfferedAt = at;
            }
        }).replaceWithVoid();
    }

    /** The agent answered an offer: its run of unanswered offers ends. Inside the caller's transaction. */
    public Uni<Void> answeredOffer(String id) {
        return repository.findById(id).invoke(entity -> {
            if (entity != null) {
                entity.missedOffers = 0;
            }
        }).replaceWithVoid();
    }

    /**
     * The agent let an offer time out. After {@code maxNoAnswer} in a row it is set away (as
     * mod_callcenter's max-no-answer), and that change is stored and answered. Inside the caller's
     * transaction.
     */
    public Uni<Optional<StateChange>> missedOffer(String id, int maxNoAnswer, Instant now) {
        return repository.findById(id).flatMap(entity -> {
            if (entity == null) {
                return Uni.createFrom().item(Optional.<StateChange>empty());
            }
            entity.missedOffers++;
            if (entity.missedOffers < maxNoAnswer || entity.presence != Presence.AVAILABLE) {
                return Uni.createFrom().item(Optional.<StateChange>empty());
            }
            return goAway(entity, entity.missedOffers + " offers in a row not answered", now);
        });
    }

    /**
     * The agent let an offer expire with no console connected anywhere: nobody is there, so it is set away
     * at once (signing in to the console, or setting available, brings it back). Inside the caller's
     * transaction; empty when it is not available (already away, offline), unknown, or forgiven its misses
     * since (it set itself available: somebody is there after all).
     */
    public Uni<Optional<StateChange>> nobodyThere(String id, Instant now) {
        return repository.findById(id).flatMap(entity -> entity == null || entity.presence != Presence.AVAILABLE
                || entity.missedOffers == 0
                        ? Uni.createFrom().item(Optional.<StateChange>empty())
                        : goAway(entity, "missed an offer with no console connected", now));
    }

    private Uni<Optional<StateChange>> goAway(AgentEntity entity, String reason, Instant now) {
        entity.presence = Presence.AWAY;
        entity.presenceSince = now;
        entity.updatedAt = now;
        CsrState previous = CsrState.fromWire(entity.state);
        entity.state = CsrState.AWAY.wire();
        return Panache.getSession().flatMap(s -> s.persist(event(entity.id, CsrState.AWAY, reason, now)))
                .replaceWith(Optional.of(new StateChange(entity.id, previous, CsrState.AWAY, reason, now)));
    }

    /**
     * Re-evaluates every agent's state from its presence, after-session time and sessions, stores the
     * ones that changed with an agent event each, and answers the changes. Each change is written only
     * if the stored state is still the one read (compare and set), so that two evaluations at once
     * announce a change once, without locking every agent. Inside the caller's transaction.
     *
     * @param activeSessions sessions per agent id now
     */
    public Uni<List<StateChange>> refreshStates(Map<String, Integer> activeSessions, Instant now) {
        return refreshStates(directory(), activeSessions, now);
    }

    /** As {@link #refreshStates(Map, Instant)}, for the agents {@code ids} alone (one indexed read). */
    public Uni<List<StateChange>> refreshStates(Collection<String> ids, Map<String, Integer> activeSessions,
            Instant now) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return refreshStates(directory(ids), activeSessions, now);
    }

    private Uni<List<StateChange>> refreshStates(Uni<List<AgentEntity>> read, Map<String, Integer> activeSessions,
            Instant now) {
        return read.flatMap(entities -> {
            List<StateChange> candidates = new ArrayList<>();
            for (AgentEntity entity : entities) {
                int active = activeSessions.getOrDefault(entity.id, 0);
                CsrState next = AgentStates.of(entity.presence, entity.wrapUpUntil, active, entity.maxSessions, now);
                CsrState previous = CsrState.fromWire(entity.state);
                if (next != previous) {
                    candidates.add(new StateChange(entity.id, previous, next, describe(next, entity, active), now));
                }
            }
            return Multi.createFrom().iterable(candidates)
                    .onItem().transformToUniAndConcatenate(change -> Panache.getSession().flatMap(s -> s
                            .createMutationQuery(
                                    "update AgentEntity set state = :next where id = :id and state = :prev")
                            .setParameter("next", change.to().wire())
                            .setParameter("id", change.agentId())
                            .setParameter("prev", change.from().wire())
                            .executeUpdate()
                            .flatMap(updated -> updated == 0 ? Uni.createFrom().<StateChange>nullItem()
                                    : s.persist(event(change.agentId(), change.to(), change.reason(), now))
                                            .replaceWith(change))))
                    .collect().asList();
        });
    }

    /** The agents still in wrap-up whose wrap-up has ended by {@code now} (by the index of wrap-ups by end, V17). */
    public Uni<List<String>> wrapUpsEnded(Instant now) {
        return repository.list("state = ?1 and wrapUpUntil <= ?2 and removedAt is null", CsrState.WRAP_UP.wire(), now)
                .map(rows -> rows.stream().map(row -> row.id).toList());
    }

    /** The agent's state changes, newest first. */
    @WithSession
    public Uni<List<AgentEvent>> events(String id, int limit) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "from AgentEventEntity where agentId = :id order by id desc", AgentEventEntity.class)
                .setParameter("id", id)
                .setMaxResults(limit)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new AgentEvent(row.at, CsrState.fromWire(row.state), row.reason))
                        .toList());
    }

    private static AgentEventEntity event(String agentId, CsrState state, String reason, Instant at) {
        AgentEventEntity event = new AgentEventEntity();
        event.agentId = agentId;
        event.at = at;
        event.state = state.wire();
        event.reason = reason;
        return event;
    }

    private static String describe(CsrState state, AgentEntity entity, int active) {
        return switch (state) {
            case AVAILABLE -> "taking sessions (" + active + "/" + entity.maxSessions + ")";
            case BUSY -> "at capacity (" + active + "/" + entity.maxSessions + ")";
            case WRAP_UP -> "after-session time until " + entity.wrapUpUntil;
            case AWAY -> "presence set to away";
            case OFFLINE -> "presence set to offline";
        };
    }

    /** Every agent of the directory, inside the caller's session (for routing snapshots). */
    public Uni<List<Agent>> listInSession() {
        return directory().map(entities -> entities.stream().map(AgentEntity::toAgent).toList())
                .invoke(names::rememberAll);
    }

    /** The rows of every agent in the directory (not those removed from it), by id. */
    private Uni<List<AgentEntity>> directory() {
        return repository.list("removedAt is null", Sort.by("id"));
    }

    /** The rows of the agents {@code ids} that are in the directory, by id (one indexed read). */
    private Uni<List<AgentEntity>> directory(Collection<String> ids) {
        return repository.list("id in ?1 and removedAt is null", Sort.by("id"), List.copyOf(ids));
    }

    /** The agent's row while it is in the directory, else null. */
    private Uni<AgentEntity> listed(String id) {
        return repository.findById(id).map(entity -> entity != null && entity.listed() ? entity : null);
    }

    private AgentEntity newEntity(String id, AgentProfile profile, Presence presence) {
        Instant now = clock.instant();
        AgentEntity entity = new AgentEntity();
        entity.id = id;
        entity.displayName = profile.displayName();
        entity.skills = profile.skills();
        entity.maxSessions = profile.maxSessions();
        entity.presence = presence;
        entity.presenceSince = now;
        entity.idleSince = now;
        entity.updatedAt = now;
        entity.state = CsrState.OFFLINE.wire();
        return entity;
    }

    private static AgentProfile profileOf(AgentsConfig.AgentConfig agent) {
        return new AgentProfile(agent.name(), agent.skills(), agent.maxSessions());
    }
}
