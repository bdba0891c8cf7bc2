package io.parley.system.store;

import java.sql.SQLException;
import java.util.Optional;

import io.vertx.pgclient.PgException;

/**
 * PostgreSQL's refusals told apart by their SQLSTATE, the code the server sends beside its message, never by the
 * message, which changes with the server's language and version. The failure arrives wrapped: from the reactive
 * client as its {@link PgException}, from Hibernate Reactive as an {@link SQLException} carrying the same code
 * (inside Hibernate's and Mutiny's exceptions); the chain of causes is searched for either.
 */
public final class SqlStates {

    static final String UNIQUE_VIOLATION = "23505";
    static final String DEADLOCK_DETECTED = "40P01";

    private SqlStates() {
    }

    /** The SQLSTATE the server answered with, if {@code failure} came from it. */
    public static Optional<String> of(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                return Optional.of(pg.getSqlState());
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    static boolean is(Throwable failure, String sqlState) {
        return of(failure).filter(sqlState::equals).isPresent();
    }

    /**
     * Two writers met: a unique index refused the second (one open room per subject, one open offer per agent,
     * one stored message per client id) or the server broke a deadlock. Deciding again sees the first's result.
     */
    public static boolean raced(Throwable failure) {
        return is(failure, UNIQUE_VIOLATION) || is(failure, DEADLOCK_DETECTED);
    }
}
