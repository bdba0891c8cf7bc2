package io.parley.system.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Plain SQL on the connection of the caller's reactive session, inside its transaction if it has one: for the
 * statements that run per change ({@link SessionStore}, {@link CsrSituations}), where one statement over arrays
 * replaces several entity reads and writes. Parameters are the reactive client's types ({@code UUID},
 * {@code OffsetDateTime}, arrays of them); rows come back as they decode.
 */
final class TransactionSql {

    private TransactionSql() {
    }

    static Uni<List<Object[]>> select(String sql, Object... params) {
        return connection().flatMap(connection -> Uni.createFrom().completionStage(() -> connection.select(sql,
                params))).map(result -> {
                    List<Object[]> rows = new ArrayList<>(result.size());
                    result.forEachRemaining(rows::add);
                    return rows;
                });
    }

    static Uni<Void> update(String sql, Object[] params) {
        return connection().flatMap(connection -> Uni.createFrom().completionStage(() -> connection.update(sql,
                params))).replaceWithVoid();
    }

    /** A {@code timestamptz} column as the reactive client decodes it, as an instant. */
    static Instant instant(Object column) {
        return switch (column) {
            case null -> null;
            case OffsetDateTime time -> time.toInstant();
            case Instant time -> time;
            default -> throw new IllegalStateException("not a time: " + column.getClass());
        };
    }

    /** An instant as a {@code timestamptz} parameter (the reactive client takes no {@code Instant}). */
    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The connection of the caller's reactive session. */
    private static Uni<ReactiveConnection> connection() {
        return Panache.getSession().map(session -> ((MutinySessionImpl) session).getReactiveConnection());
    }
}
