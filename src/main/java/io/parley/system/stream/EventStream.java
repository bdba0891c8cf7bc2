package io.parley.system.stream;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.agent.StateChange;
import io.parley.system.SessionNotice;
import io.parley.system.Timers;
import io.parley.system.cluster.ClusterBus;
import io.parley.system.cluster.ClusterMessage;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The session and agent event logs as one live stream ({@code GET /api/stream}), the same on every replica.
 * <p>
 * Each replica reads the logs once for all of its followers: at once when a change is announced (here or by
 * another replica), and every {@link StreamConfig#poll()} while anyone follows. A read takes only entries whose
 * transaction is older than every transaction still running (the snapshot's {@code xmin}): those are final, so
 * the stream never passes an entry that commits later with a smaller id, and its positions mean the same on
 * every replica. A follower that resumes is first sent what it missed, read for it alone.
 */
@ApplicationScoped
public class EventStream {

    private static final Logger LOG = Logger.getLogger(EventStream.class);

    /** The horizon (what is final is older), then up to $4 entries after the position ($1 tx, $2 and $3 ids). */
    private static final String READ = """
            select h.x::text as horizon, r.tx::text as tx, r.kind, r.id, r.subject, r.service, r.seq, r.type, r.at,
                   r.actor, r.data
            from (select pg_snapshot_xmin(pg_current_snapshot()) as x) h
            left join lateral (
              (select a.tx, 'a' as kind, a.id, a.agent_id as subject, null::varchar as service, null::bigint as seq,
                      'agent-state' as type, a.at, null::varchar as actor,
                      json_build_object('state', a.state, 'reason', a.reason)::text as data
               from agent_event a
               where (a.tx, a.id) > ($1::xid8, $3) and a.tx < h.x order by a.tx, a.id limit $4)
              union all
              (select e.tx, 's', e.id, e.session_id::text, s.service_id, e.seq, e.type, e.at, e.actor, e.payload
               from session_event e join service_session s on s.id = e.session_id
               where (e.tx, e.id) > ($1::xid8, $2) and e.tx < h.x order by e.tx, e.id limit $4)
              order by 1, 2, 3 limit $4
            ) r on true""";

    private final Pool pool;
    private final StreamConfig config;
    private final ClusterBus bus;
    private final Timers timers;
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    /** Where the shared read stands while anyone follows, or null (the next follower starts it from now). */
    private StreamItem.Position cursor;
    private boolean reading;
    private boolean again;

    public EventStream(Pool pool, StreamConfig config, ClusterBus bus, Timers timers) {
        this.pool = pool;
        this.config = config;
        this.bus = bus;
        this.timers = timers;
    }

    void start(@Observes StartupEvent started, MeterRegistry registry) {
        Gauge.builder("parley.stream.followers", this, EventStream::followers)
                .description("Followers of the live event stream on this replica").register(registry);
        bus.receiveWith(message -> {
            if (ClusterMessage.announcesChange(message)) {
                nudge();
            }
        });
        timers.every(config.poll(), () -> {
            nudge();
            return Uni.createFrom().voidItem();
        });
        timers.every(config.heartbeat(), () -> {
            followers.forEach(Follower::heartbeat);
            return Uni.createFrom().voidItem();
        });
    }

    void changed(@Observes SessionNotice notice) {
        switch (notice) {
            case SessionNotice.Changed changed -> nudge();
            case SessionNotice.Offered offered -> nudge();
            case SessionNotice.OfferClosed closed -> nudge();
            case SessionNotice.ChatPosted posted -> {
            }
            case SessionNotice.Typing typing -> {
            }
            case SessionNotice.Read read -> {
            }
            case SessionNotice.Invited invited -> {
            }
            case SessionNotice.QueueStatus status -> {
            }
        }
    }

    void changed(@Observes StateChange change) {
        nudge();
    }

    /**
     * Every entry from now on, or (when {@code after} is a position this stream gave) from after it: first what
     * was missed, up to {@link StreamConfig#replayLimit()} entries, else a {@link StreamItem.Reset}.
     */
    public Multi<StreamItem> follow(Optional<StreamItem.Position> after) {
        // A follower too slow to take what is sent (more than a replay and a few reads behind) fails, and resumes.
        return Multi.createFrom().<StreamItem>emitter(emitter -> {
            Follower follower = new Follower(emitter, after.orElse(null));
            // At once, so that the answer's headers go out: the follower knows it is subscribed from now on.
            emitter.emit(new StreamItem.Heartbeat());
            followers.add(follower);
            emitter.onTermination(() -> followers.remove(follower));
            after.ifPresentOrElse(position -> replay(follower, position), follower::caughtUp);
            nudge();
        }, config.replayLimit() + 4 * config.batch());
    }

    /** How many follow this replica's stream now ({@code parley_stream_followers}). */
    public int followers() {
        return followers.size();
    }

    private void replay(Follower follower, StreamItem.Position after) {
        read(after, config.replayLimit() + 1).subscribe().with(batch -> {
            if (batch.entries().size() > config.replayLimit()) {
                follower.reset("more than " + config.replayLimit() + " entries were missed");
            } else {
                follower.replayed(batch.entries());
            }
        }, failure -> {
            LOG.warnf("The stream could not be replayed from %s: %s", after, failure.getMessage());
            follower.reset("what was missed could not be read");
        });
    }

    /** Reads now, or once the read under way is done; nothing while nobody follows. */
    private void nudge() {
        synchronized (this) {
            if (followers.isEmpty()) {
                cursor = null;
                return;
            }
            if (reading) {
                again = true;
                return;
            }
            reading = true;
            again = false;
        }
        readOn();
    }

    private void readOn() {
        StreamItem.Position from;
        synchronized (this) {
            from = cursor;
        }
        // A stream nobody followed starts at the horizon: what is final now was before the first follower came.
        Uni<Batch> read = from == null ? read(StreamItem.Position.before(0), 0).map(Batch::skipped)
                : read(from, config.batch());
        read.subscribe().with(batch -> {
            synchronized (this) {
                cursor = batch.next();
            }
            followers.forEach(follower -> follower.live(batch.entries()));
            finished(batch.entries().size() >= config.batch());
        }, failure -> {
            LOG.warnf("The event logs could not be read for the stream: %s", failure.getMessage());
            finished(false);
        });
    }

    private void finished(boolean more) {
        synchronized (this) {
            if (followers.isEmpty()) {
                cursor = null;
                reading = false;
                return;
            }
            if (!more && !again) {
                reading = false;
                return;
            }
            again = false;
        }
        readOn();
    }

    /** What one read found, and where the next one starts. */
    private record Batch(List<StreamItem.Entry> entries, StreamItem.Position next) {

        Batch skipped() {
            return new Batch(List.of(), next);
        }
    }

    private Uni<Batch> read(StreamItem.Position after, int limit) {
        return pool.preparedQuery(READ).execute(Tuple.of(Long.toUnsignedString(after.tx()), after.sessionIdAfter(),
                after.agentIdAfter(), limit)).map(rows -> batch(after, limit, rows));
    }

    private static Batch batch(StreamItem.Position after, int limit, RowSet<Row> rows) {
        List<StreamItem.Entry> entries = new ArrayList<>();
        long horizon = after.tx();
        for (Row row : rows) {
            horizon = Long.parseUnsignedLong(row.getString("horizon"));
            if (row.getString("tx") != null) {
                StreamItem.Kind kind = row.getString("kind").equals("a") ? StreamItem.Kind.AGENT
                        : StreamItem.Kind.SESSION;
                OffsetDateTime at = row.getOffsetDateTime("at");
                entries.add(new StreamItem.Entry(new StreamItem.Position(Long.parseUnsignedLong(row.getString("tx")),
                        kind, row.getLong("id")), kind, row.getString("subject"), row.getString("service"),
                        row.getLong("seq"), row.getString("type"), at == null ? null : at.toInstant(),
                        row.getString("actor"), row.getString("data")));
            }
        }
        StreamItem.Position next;
        if (entries.size() >= limit && !entries.isEmpty()) {
            next = entries.getLast().position();
        } else {
            StreamItem.Position atHorizon = StreamItem.Position.before(horizon);
            StreamItem.Position last = entries.isEmpty() ? after : entries.getLast().position();
            next = atHorizon.compareTo(last) > 0 ? atHorizon : last;
        }
        return new Batch(entries, next);
    }

    /**
     * One follower: what it was sent last (entries are sent once, in order), and while what it missed is being
     * read, the live entries that came meanwhile.
     */
    private static final class Follower {

        private final MultiEmitter<? super StreamItem> emitter;
        private StreamItem.Position last;
        private List<StreamItem.Entry> held = new ArrayList<>();
        private boolean sentSinceHeartbeat;

        Follower(MultiEmitter<? super StreamItem> emitter, StreamItem.Position after) {
            this.emitter = emitter;
            this.last = after;
        }

        synchronized void live(List<StreamItem.Entry> entries) {
            if (held != null) {
                held.addAll(entries);
            } else {
                send(entries);
            }
        }

        synchronized void replayed(List<StreamItem.Entry> missed) {
            send(missed);
            caughtUp();
        }

        synchronized void reset(String reason) {
            emitter.emit(new StreamItem.Reset(reason));
            sentSinceHeartbeat = true;
            // From now: what came meanwhile is newer than the reset.
            last = null;
            caughtUp();
        }

        synchronized void caughtUp() {
            List<StreamItem.Entry> meanwhile = held;
            held = null;
            if (meanwhile != null) {
                send(meanwhile);
            }
        }

        synchronized void heartbeat() {
            if (!sentSinceHeartbeat && held == null) {
                emitter.emit(new StreamItem.Heartbeat());
            }
            sentSinceHeartbeat = false;
        }

        private void send(List<StreamItem.Entry> entries) {
            for (StreamItem.Entry entry : entries) {
                if (last == null || entry.position().compareTo(last) > 0) {
                    emitter.emit(entry);
                    last = entry.position();
                    sentSinceHeartbeat = true;
                }
            }
        }
    }
}
