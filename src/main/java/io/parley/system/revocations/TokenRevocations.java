package io.parley.system.revocations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.parley.agent.AgentService;
import io.parley.session.EndpointRef;
import io.parley.system.Timers;
import io.parley.transport.EndpointGrant;
import io.parley.transport.Revocation;
import io.parley.transport.RevocationList;
import io.parley.transport.TokensConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tokens refused before they expire, on every replica. A revocation is stored (so that it survives a restart),
 * taken into this replica's {@link RevocationList} at once and announced ({@link Revoked}): the sockets here
 * that hold a revoked token close, and the other replicas are told over the cluster channel and do the same.
 * Checking a token is a look-up in memory, never a database round trip; the list is read at start-up, and a
 * row is purged once the tokens it refuses have expired anyway. Removals from the agent directory are stored
 * in the directory itself (the agent's row) and read from there.
 */
@ApplicationScoped
public class TokenRevocations {

    private static final Logger LOG = Logger.getLogger(TokenRevocations.class);

    private final RevocationList list;
    private final Pool pool;
    private final AgentService agents;
    private final TokensConfig tokens;
    private final RevocationsConfig config;
    private final Timers timers;
    private final Clock clock;
    private final Event<Revoked> announced;

    public TokenRevocations(Pool pool, AgentService agents, TokensConfig tokens, RevocationsConfig config,
            Timers timers, Clock clock, Event<Revoked> announced) {
        this.list = new RevocationList(config.maxTokens());
        this.pool = pool;
        this.agents = agents;
        this.tokens = tokens;
        this.config = config;
        this.timers = timers;
        this.clock = clock;
        this.announced = announced;
    }

    /** The revocations as this replica knows them: what token checks consult. */
    @Produces
    @Singleton
    RevocationList revocationList() {
        return list;
    }

    void start(@Observes StartupEvent started) throws Throwable {
        int known = VertxContextSupport.subscribeAndAwait(this::load);
        LOG.infof("Token revocations: %d in force", known);
        timers.every(config.purgeEvery(), () -> purge().invoke(purged -> LOG.debugf("Purged %d revocations", purged))
                .replaceWithVoid());
    }

    /** Reads what is in force (revocations whose tokens have not all expired, removed agents) into memory. */
    Uni<Integer> load() {
        return readInForce().map(inForce -> {
            inForce.forEach(list::apply);
            return inForce.size();
        });
    }

    /**
     * After this replica was cut off from the others (the cluster channel was down), what it may have missed:
     * everything in force is read again, agents added back meanwhile are accepted again, and sockets here that
     * hold a token revoked meanwhile close.
     */
    public Uni<Void> catchUp() {
        return readInForce().invoke(inForce -> {
            Set<EndpointRef> removed = inForce.stream().filter(Revocation.Removed.class::isInstance)
                    .map(Revocation::endpoint).collect(Collectors.toSet());
            list.removedAgents().stream().filter(agent -> !removed.contains(agent))
                    .forEach(agent -> take(new Revocation.Readmitted(agent), "added to the directory again", false));
            inForce.forEach(revocation -> take(revocation, "revoked while this replica was cut off", false));
        }).replaceWithVoid();
    }

    /** What is in force in the database: stored revocations whose tokens have not all expired, removed agents. */
    private Uni<List<Revocation>> readInForce() {
        return pool.preparedQuery("""
                select endpoint, token_id, issued_at, not_before, expires_at from token_revocation
                where expires_at > $1""").execute(Tuple.of(at(clock.instant())))
                .map(rows -> {
                    List<Revocation> inForce = new ArrayList<>();
                    rows.forEach(row -> inForce.add(fromRow(row)));
                    return inForce;
                })
                .flatMap(inForce -> Panache.withSession(agents::removedIds).map(removed -> {
                    removed.forEach(id -> inForce.add(new Revocation.Removed(EndpointRef.csr(id))));
                    return inForce;
                }));
    }

    /**
     * Revokes on every replica: stored (unless it is a change of the directory, stored there), refused here at
     * once, and announced, so that sockets holding such a token close here and the other replicas follow. A console
     * token's revocation ends the endpoint tokens traded for it here too.
     */
    public Uni<Void> revoke(Revocation revocation, String reason) {
        return store(revocation, reason).invoke(() -> take(revocation, reason, true))
                .chain(() -> endTraded(revocation));
    }

    /** Another replica revoked: refused here from now on, and this replica's sockets that hold it close. */
    public void heard(Revocation revocation, String reason) {
        take(revocation, reason, false);
        endTraded(revocation).subscribe().with(done -> {}, failure -> LOG.warnf(failure,
                "Endpoint tokens traded for a revoked console token were not revoked: %s", revocation));
    }

    /** Whether a token that verified is refused all the same (revoked, or its agent removed). */
    public boolean refuses(EndpointGrant grant) {
        return list.refuses(grant);
    }

    /** Whether the agent was taken out of the directory. */
    public boolean isRemoved(EndpointRef endpoint) {
        return list.isRemoved(endpoint);
    }

    /**
     * Completes once a token issued for the endpoint would be accepted: at once, unless its tokens were revoked
     * in this very second (a token's {@code iat} is in whole seconds), then at the next whole second.
     */
    public Uni<Void> untilAccepted(EndpointRef endpoint) {
        Optional<Instant> from = list.acceptedFrom(endpoint);
        Duration wait = from.map(instant -> Duration.between(clock.instant(), instant)).orElse(Duration.ZERO);
        if (wait.isNegative() || wait.isZero()) {
            return Uni.createFrom().voidItem();
        }
        // A timer may fire a fraction of a millisecond before the second begins: look again when it does.
        return Uni.createFrom().<Void>emitter(done -> timers.once(wait, () -> done.complete(null)))
                .chain(() -> untilAccepted(endpoint));
    }

    /** An endpoint token was issued here in exchange for a console token: that token's sign-out ends it. */
    public void traded(EndpointGrant consoleToken, EndpointGrant endpointToken) {
        list.traded(consoleToken.id(), endpointToken);
    }

    /** Deletes the revocations that refuse nothing any more, here and in memory; answers how many rows. */
    Uni<Integer> purge() {
        Instant now = clock.instant();
        list.forget(now.minus(tokens.clockSkew()), longestLife());
        return pool.preparedQuery("delete from token_revocation where expires_at <= $1").execute(Tuple.of(at(now)))
                .map(rows -> rows.rowCount());
    }

    private void take(Revocation revocation, String reason, boolean madeHere) {
        list.apply(revocation);
        announced.fire(new Revoked(revocation, reason, madeHere));
    }

    private Uni<Void> endTraded(Revocation revocation) {
        if (!(revocation instanceof Revocation.Token token)) {
            return Uni.createFrom().voidItem();
        }
        List<EndpointGrant> traded = list.tradedFor(token.id());
        return Multi.createFrom().iterable(traded)
                .onItem().transformToUniAndConcatenate(grant -> revoke(Revocation.Token.of(grant),
                        "the console it was issued to signed out"))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> store(Revocation revocation, String reason) {
        Instant now = clock.instant();
        String endpoint = revocation.endpoint().toString();
        Tuple row = switch (revocation) {
            case Revocation.Token token -> Tuple.from(new Object[] {endpoint, token.id(), at(token.issuedAt()), null,
                    at(token.expiresAt().plus(tokens.clockSkew())), reason, at(now)});
            case Revocation.IssuedBefore before -> Tuple.from(new Object[] {endpoint, null, null, at(before.moment()),
                    at(before.moment().plus(longestLife())), reason, at(now)});
            // The directory keeps these (the agent's row).
            case Revocation.Removed removed -> null;
            case Revocation.Readmitted readmitted -> null;
        };
        if (row == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                insert into token_revocation (endpoint, token_id, issued_at, not_before, expires_at, reason, created_at)
                values ($1, $2, $3, $4, $5, $6, $7)""").execute(row).replaceWithVoid();
    }

    /** How long after a moment a token issued before it may still be accepted: the longest life a revocation ends. */
    private Duration longestLife() {
        Duration console = tokens.consoleTtl();
        Duration endpoint = tokens.endpointTtl();
        return (console.compareTo(endpoint) > 0 ? console : endpoint).plus(tokens.clockSkew());
    }

    private static Revocation fromRow(Row row) {
        EndpointRef endpoint = EndpointRef.parse(row.getString("endpoint"));
        String tokenId = row.getString("token_id");
        if (tokenId != null) {
            return new Revocation.Token(endpoint, tokenId, row.getOffsetDateTime("issued_at").toInstant(),
                    row.getOffsetDateTime("expires_at").toInstant());
        }
        return new Revocation.IssuedBefore(endpoint, row.getOffsetDateTime("not_before").toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
