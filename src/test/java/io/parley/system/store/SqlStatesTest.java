package io.parley.system.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

/** Database refusals are told apart by their SQLSTATE, through wrappers, never by their text. */
class SqlStatesTest {

    @Test
    void aRaceIsFoundByItsStateFromTheReactiveClientAndFromHibernate() {
        PgException unique = new PgException("doppelter Schlüsselwert", "FEHLER", "23505", null);
        PgException deadlock = new PgException("Verklemmung entdeckt", "FEHLER", "40P01", null);

        assertThat(SqlStates.raced(new CompletionException(unique))).isTrue();
        assertThat(SqlStates.raced(new IllegalStateException(new CompletionException(new SQLException(
                "doppelter Schlüsselwert", "23505"))))).isTrue();
        assertThat(SqlStates.raced(deadlock)).isTrue();
        assertThat(SqlStates.of(new CompletionException(unique))).contains("23505");
    }

    @Test
    void aMessageThatNamesACodeIsNotThatCode() {
        String words = "duplicate key value violates unique constraint (23505); deadlock detected (40P01)";

        assertThat(SqlStates.raced(new PgException(words, "ERROR", "22P02", null))).isFalse();
        assertThat(SqlStates.raced(new SQLException(words, "22P02"))).isFalse();
        assertThat(SqlStates.raced(new IllegalStateException(words))).isFalse();
        assertThat(SqlStates.of(new IllegalStateException(words))).isEmpty();
    }
}
