package io.parley.system.reads;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.LegRole;
import io.parley.session.Refusal;
import io.parley.session.Requester;
import io.parley.session.ServiceSession;
import io.parley.system.Outcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Customers rate their conversations (1 to 5, with an optional comment): a customer who was in a session an agent
 * served, once per session (a second rating replaces the first). The service's figures count them.
 */
@ApplicationScoped
public class Ratings {

    public static final int MAX_COMMENT = 1000;

    private static final String STORE = """
            insert into session_rating (session_id, customer_id, service_id, score, comment, rated_at)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (session_id, customer_id)
            do update set score = excluded.score, comment = excluded.comment, rated_at = excluded.rated_at
            returning (xmax = 0) as created""";

    /** A rating as stored; {@code replaced} when it took the place of an earlier one. */
    public record Rating(String sessionId, int score, String comment, Instant at, boolean replaced) {
    }

    private final SessionReads reads;
    private final Pool pool;
    private final Clock clock;

    public Ratings(SessionReads reads, Pool pool, Clock clock) {
        this.reads = reads;
        this.pool = pool;
        this.clock = clock;
    }

    /** What is wrong with a rating as sent, if anything (the score 1 to 5, a comment of at most 1,000 characters). */
    public static Optional<String> problem(Integer score, String comment) {
        if (score == null || score < 1 || score > 5) {
            return Optional.of("score: a whole number from 1 to 5");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            return Optional.of("comment: at most " + MAX_COMMENT + " characters");
        }
        return Optional.empty();
    }

    public Uni<Outcome<Rating>> rate(Requester by, UUID sessionId, int score, String comment) {
        if (!by.endpoint().isCustomer()) {
            return Uni.createFrom().item(Outcome.refused(Refusal.Code.NOT_PERMITTED,
                    "a conversation is rated by its customer"));
        }
        // A session the customer was never in is not found, as every other read of it.
        return reads.find(by, sessionId).flatMap(found -> found.thenUni(session -> served(session)
                ? store(by, session, score, comment)
                : Uni.createFrom().item(Outcome.<Rating>refused(Refusal.Code.NOT_SERVED,
                        "no agent has been in this conversation yet: there is nothing to rate"))));
    }

    private static boolean served(ServiceSession session) {
        return session.legs().stream().anyMatch(leg -> leg.role() == LegRole.CSR && leg.endpoint().isCsr());
    }

    private Uni<Outcome<Rating>> store(Requester by, ServiceSession session, int score, String comment) {
        Instant at = clock.instant();
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        return pool.preparedQuery(STORE).execute(Tuple.of(UUID.fromString(session.id()), by.endpoint().id(),
                session.serviceId(), (short) score, text, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> Outcome.done(new Rating(session.id(), score, text, at,
                        !rows.iterator().next().getBoolean("created"))));
    }
}
