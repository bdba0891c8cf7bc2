package io.parley;

import java.nio.file.Path;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts Parley. When no datasource is configured (neither {@code quarkus.datasource.reactive.url}
 * nor {@code quarkus.datasource.jdbc.url} as a system property or environment variable), it first
 * starts an embedded PostgreSQL keeping its data under {@code ./.parley/postgres}.
 */
@QuarkusMain
public final class ParleyMain {

    private ParleyMain() {
    }

    public static void main(String... args) {
        if (!EmbeddedDatabase.datasourceConfigured()) {
            EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(".parley", "postgres"), false);
            database.datasourceProperties().forEach(System::setProperty);
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
        }
        Quarkus.run(args);
    }
}
