package io.parley;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL for the demo run and the tests, so that neither needs a database installed.
 * Production configures {@code quarkus.datasource.*} and never reaches this class; native and container
 * builds leave the PostgreSQL binaries out (Maven profile {@code embedded-db}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    /** Where a datasource can be configured: system properties and environment variables. */
    private static final List<String> DATASOURCE_KEYS = List.of("quarkus.datasource.reactive.url",
            "quarkus.datasource.jdbc.url");

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Files beside the service where Quarkus also reads configuration. */
    private static final List<Path> CONFIG_FILES = List.of(Path.of(".env"), Path.of("config", "application.properties"),
            Path.of("config", "application.yaml"), Path.of("config", "application.yml"));

    /**
     * True when a datasource URL is configured outside the packaged defaults: as a system property, an
     * environment variable, or in {@code .env} or {@code config/application.*} in the working directory.
     */
    public static boolean datasourceConfigured() {
        return DATASOURCE_KEYS.stream().anyMatch(key -> System.getProperty(key) != null
                || System.getenv(envName(key)) != null)
                || CONFIG_FILES.stream().anyMatch(EmbeddedDatabase::mentionsUrl);
    }

    private static boolean mentionsUrl(Path file) {
        try {
            String text = Files.isReadable(file) ? Files.readString(file) : "";
            return DATASOURCE_KEYS.stream().anyMatch(key -> text.contains(key) || text.contains(envName(key)))
                    || text.contains("reactive:") && text.contains("url:");
        } catch (IOException e) {
            return false;
        }
    }

    private static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Starts PostgreSQL keeping its data in {@code dataDirectory}.
     *
     * @param clean start from an empty database (tests) instead of the data kept from earlier runs (demo)
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean clean) {
        try {
            Files.createDirectories(dataDirectory);
            Path data = dataDirectory.resolve("data").toAbsolutePath();
            Path work = dataDirectory.resolve("work").toAbsolutePath();
            Files.createDirectories(work);
            stopOrphanedServer(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(clean)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    // Tests count the statements a request runs (its cost must not grow with the system).
                    .setServerConfig("shared_preload_libraries", clean ? "pg_stat_statements" : "")
                    .start();
            LOG.infof("Embedded PostgreSQL on port %d, data in %s", postgres.getPort(), data);
            return new EmbeddedDatabase(postgres);
        } catch (IllegalStateException e) {
            if (!String.valueOf(e.getMessage()).contains("binaries")) {
                throw e;
            }
            throw new IllegalStateException("No database is configured and this build has no embedded PostgreSQL: "
                    + "set quarkus.datasource.reactive.url, quarkus.datasource.jdbc.url, quarkus.datasource.username "
                    + "and quarkus.datasource.password", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The datasource settings that point Quarkus at this database. */
    public Map<String, String> datasourceProperties() {
        return propertiesFor(postgres.getPort());
    }

    /** The datasource settings for an embedded PostgreSQL listening on {@code port}. */
    public static Map<String, String> propertiesFor(int port) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/postgres");
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres");
        properties.put("quarkus.datasource.username", "postgres");
        return properties;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * A demo run ended by {@code kill -9} leaves its PostgreSQL running and holding the data directory;
     * stop it so that this run can start.
     */
    private static void stopOrphanedServer(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim).filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(process -> process.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isPresent()) {
            LOG.warnf("Stopping PostgreSQL %d left running by an earlier run", orphan.get().pid());
            orphan.get().destroy();
            orphan.get().onExit().orTimeout(20, TimeUnit.SECONDS).join();
        }
        Files.deleteIfExists(pidFile);
    }
}
