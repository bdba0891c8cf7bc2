package io.parley.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

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

    public AgentService(AgentRepository repository, AgentsConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    void seed(@Observes StartupEvent started) throws Throwable {
        List<String> problems = config.agents().entrySet().stream()
                .flatMap(entry -> profileOf(entry.getValue()).problems().stream()
                        .map(problem -> "parley.agents." + entry.getKey() + "." + problem))
                .toList();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid agent configuration:\n  " + String.join("\n  ", problems));
        }
        int added = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom()
                .iterable(config.agents().entrySet())
                .onItem().transformToUniAndConcatenate(entry -> repository.findById(entry.getKey())
                        .flatMap(existing -> existing != null
                                ? Uni.createFrom().item(0)
                                : repository.persist(newEntity(entry.getKey(), profileOf(entry.getValue()),
                                        entry.getValue().presence())).replaceWith(1)))
                .collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())));
        LOG.infof("Agent directory: %d of %d configured agents added", added, config.agents().size());
    }

    @WithSession
    public Uni<List<Agent>> list() {
        return listInSession();
    }

    @WithSession
    public Uni<Optional<Agent>> find(String id) {
        return repository.findById(id).map(entity -> Optional.ofNullable(entity).map(AgentEntity::toAgent));
    }

    /** Creates or replaces an agent's profile; presence and idle time are kept. */
    @WithTransaction
    public Uni<Agent> put(String id, AgentProfile profile) {
        return repository.findById(id).flatMap(existing -> {
            if (existing == null) {
                return repository.persist(newEntity(id, profile, Presence.OFFLINE)).map(AgentEntity::toAgent);
            }
            existing.displayName = profile.displayName();
            existing.skills = profile.skills();
            existing.maxSessions = profile.maxSessions();
            existing.updatedAt = clock.instant();
            return Uni.createFrom().item(existing.toAgent());
        });
    }

    /** Sets presence; empty when there is no such agent. Becoming available restarts the idle clock. */
    @WithTransaction
    public Uni<Optional<Agent>> setPresence(String id, Presence presence) {
        return repository.findById(id).map(entity -> {
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
            return Optional.of(entity.toAgent());
        });
    }

    /**
     * Records that the agent finished a session now (for longest-idle routing). Runs inside the
     * caller's transaction.
     */
    public Uni<Void> finishedSession(String id, Instant at) {
        return repository.findById(id).invoke(entity -> {
            if (entity != null) {
                entity.idleSince = at;
            }
        }).replaceWithVoid();
    }

    /** Every agent, inside the caller's session (for routing snapshots). */
    public Uni<List<Agent>> listInSession() {
        return repository.listAll(Sort.by("id")).map(entities -> entities.stream().map(AgentEntity::toAgent).toList());
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
        return entity;
    }

    private static AgentProfile profileOf(AgentsConfig.AgentConfig agent) {
        return new AgentProfile(agent.name(), agent.skills(), agent.maxSessions());
    }
}
