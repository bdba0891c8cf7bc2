package io.parley.support;

import java.nio.file.Path;
import java.util.Map;

import io.parley.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one embedded PostgreSQL (with an empty database) for the test run and points Quarkus at it.
 * Nothing of Parley's is mocked: the tests talk to a real PostgreSQL.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;

    @Override
    public synchronized Map<String, String> start() {
        if (database == null) {
            database = EmbeddedDatabase.start(Path.of("target", "test-postgres"), true);
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-postgres-stop"));
        }
        return database.datasourceProperties();
    }

    @Override
    public void stop() {
        // Kept for the whole run: later test classes reuse it; the shutdown hook stops it.
    }

    /** The running database, for tests that start a second Parley process against it. */
    public static EmbeddedDatabase database() {
        return database;
    }
}
