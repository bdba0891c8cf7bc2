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

    /**
     * Where the running database's settings are kept: a system property, because a test profile restarts
     * Quarkus in a new class loader, where a static field would be empty again.
     */
    private static final String RUNNING = "parley.test.postgres.port";

    private static EmbeddedDatabase database;

    /** A PostgreSQL already running on localhost (the workflow's service container) is used instead. */
    private static final String EXTERNAL = "PARLEY_TEST_POSTGRES_PORT";

    @Override
    public Map<String, String> start() {
        String external = System.getenv(EXTERNAL);
        if (external != null && !external.isBlank()) {
            return EmbeddedDatabase.propertiesFor(Integer.parseInt(external.trim()));
        }
        synchronized (System.class) {
            String port = System.getProperty(RUNNING);
            if (port != null) {
                return EmbeddedDatabase.propertiesFor(Integer.parseInt(port));
            }
            database = EmbeddedDatabase.start(Path.of("target", "test-postgres"), true);
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-postgres-stop"));
            System.setProperty(RUNNING, Integer.toString(database.port()));
            return database.datasourceProperties();
        }
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
