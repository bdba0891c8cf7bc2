package io.parley.idempotency;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The answers to requests sent with an {@code Idempotency-Key}, in PostgreSQL so that every replica replays
 * them. A keyed request costs one round trip to claim its key (or read the answer stored under it) and one to
 * store its answer; a request without a key costs none. Plain SQL for the same reason as the chat's group
 * commit: the claim is one statement (insert, or read what is there) that the entity path would make three.
 */
@ApplicationScoped
public class IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    /** What a claim found: the key is ours to run with, or a request came first (answered or still in flight). */
    public sealed interface Claim {

        record Claimed() implements Claim {
        }

        /** @param status and the rest: null while the first request is in flight */
        record Found(String request, Integer status, String mediaType, String body) implements Claim {

            public boolean inFlight() {
                return status == null;
            }
        }
    }

    /** An answer to store: its status, media type and body as sent. */
    public record Answer(int status, String mediaType, String body) {
    }

    private static final String CLAIM = """
            with claimed as (
                insert into idempotency_key (caller, idem_key, request, created_at) values ($1, $2, $3, $4)
                on conflict (caller, idem_key) do update
                    set request = excluded.request, status = null, media_type = null, body = null,
                        created_at = excluded.created_at
                    where idempotency_key.created_at < $5
                        or (idempotency_key.status is null and idempotency_key.created_at < $6)
                returning 1
            )
            select true as claimed, null as request, null::integer as status, null as media_type, null as body
            from claimed
            union all
            select false, request, status, media_type, body from idempotency_key
            where caller = $1 and idem_key = $2 and not exists (select 1 from claimed)""";

    private final Pool pool;
    private final IdempotencyConfig config;
    private final Clock clock;
    private final Vertx vertx;

    public IdempotencyStore(Pool pool, IdempotencyConfig config, Clock clock, Vertx vertx) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void schedulePurge(@Observes StartupEvent started) {
        vertx.setPeriodic(config.purgeEvery().toMillis(), id -> purge().subscribe().with(
                purged -> LOG.debugf("Purged %d idempotency keys", purged),
                failure -> LOG.warn("Could not purge idempotency keys", failure)));
    }

    /** Claims the caller's key for this request, or answers what is stored under it (one round trip). */
    public Uni<Claim> claim(String caller, String key, String request) {
        Instant now = clock.instant();
        return pool.preparedQuery(CLAIM).execute(Tuple.of(caller, key, request, at(now),
                at(now.minus(config.keep())), at(now.minus(config.inFlight()))))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getBoolean("claimed") ? new Claim.Claimed()
                            : new Claim.Found(row.getString("request"), row.getInteger("status"),
                                    row.getString("media_type"), row.getString("body"));
                });
    }

    /** Stores the answer of a claimed key (one round trip). */
    public Uni<Void> answered(String caller, String key, Answer answer) {
        return pool.preparedQuery("""
                update idempotency_key set status = $3, media_type = $4, body = $5
                where caller = $1 and idem_key = $2""")
                .execute(Tuple.of(caller, key, answer.status(), answer.mediaType(), answer.body())).replaceWithVoid();
    }

    /** Lets a claimed key go unanswered (the request failed in a way a retry may not): the next one runs afresh. */
    public Uni<Void> release(String caller, String key) {
        return pool.preparedQuery("delete from idempotency_key where caller = $1 and idem_key = $2 and status is null")
                .execute(Tuple.of(caller, key)).replaceWithVoid();
    }

    /** Deletes the answers older than {@code parley.idempotency.keep}; answers how many. */
    public Uni<Integer> purge() {
        return pool.preparedQuery("delete from idempotency_key where created_at < $1")
                .execute(Tuple.of(at(clock.instant().minus(config.keep())))).map(rows -> rows.rowCount());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
