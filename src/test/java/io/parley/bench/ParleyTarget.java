package io.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.EmbeddedDatabase;
import io.parley.support.NatsServer;
import io.parley.support.ParleyProcess;

/**
 * The packaged service (one or two replicas) on a fresh embedded PostgreSQL, every process of it pinned to the
 * servers' core, with the benchmark's {@code subject-room} service {@code bench} (chat and voice, any
 * subject) and the CSRs {@code bench-0..} who open its rooms; a CSR has 30 minutes, not 30 s, to connect to a room
 * opened on its behalf, since rooms are made before their sockets open.
 */
final class ParleyTarget implements Target {

    /**
     * The benchmark's service, added to the demo configuration as system properties, with the demo's limits on
     * what one client may do (the {@code flood} mode runs with these).
     */
    static final Map<String, String> LIMITED = Map.of("parley.services.bench.name", "Bench",
            "parley.services.bench.behaviour", "subject-room", "parley.services.bench.media", "chat,voice",
            "quarkus.shutdown.delay", "0s",
            // The rooms' visitors join from 127.0.0.1, hundreds a second in setup: a load generator, exempt from the
            // session-start limit per address (every other address keeps it).
            "parley.limits.requests.exempt-addresses", "127.0.0.1",
            // Rooms are made ahead (idle-memory makes thousands) and their CSRs connect later: not a routing wait.
            "parley.routing.join-timeout", "30m");
    /** {@link #LIMITED}, and no per-connection rates: a load client's connection carries many people's traffic. */
    static final Map<String, String> SETTINGS = with(LIMITED, Map.of("parley.limits.chat", "100000/s burst 100000",
            "parley.limits.voice", "100000/s burst 100000"));
    static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("operator:parley"
            .getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PASSWORD_CHECKS = Pattern.compile(
            "(?m)^parley_password_checks_total(?:\\{[^}]*\\})? (\\S+)$");

    private final EmbeddedDatabase database;
    private final List<ParleyProcess> replicas;
    private final long postmaster;
    private final NatsServer nats;

    private ParleyTarget(EmbeddedDatabase database, List<ParleyProcess> replicas, long postmaster, NatsServer nats) {
        this.database = database;
        this.replicas = replicas;
        this.postmaster = postmaster;
        this.nats = nats;
    }

    static ParleyTarget start(int replicas, int agents, String cores) throws IOException {
        return start(replicas, agents, cores, SETTINGS);
    }

    /** As {@link #start(int, int, String)}, with these settings ({@link #SETTINGS} or {@link #LIMITED}). */
    static ParleyTarget start(int replicas, int agents, String cores, Map<String, String> settings)
            throws IOException {
        return start(replicas, agents, cores, settings, false);
    }

    /**
     * As {@link #start(int, int, String, Map)}; with {@code nats} the replicas' channel is a NATS server of its own,
     * pinned with them and counted with them.
     */
    static ParleyTarget start(int replicas, int agents, String cores, Map<String, String> settings, boolean nats)
            throws IOException {
        Path data = Path.of("target", "bench-postgres");
        EmbeddedDatabase database = EmbeddedDatabase.start(data, true);
        List<ParleyProcess> started = new ArrayList<>();
        NatsServer broker = null;
        try {
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("data").resolve("postmaster.pid"))
                    .getFirst().trim());
            ProcStats.pinTree(postmaster, cores);
            Map<String, String> all = settings;
            if (nats) {
                broker = NatsServer.start(Path.of("target", "bench-nats-server.log"));
                ProcStats.pin(broker.pid(), cores);
                all = with(settings, Map.of("parley.cluster.nats-url", broker.url()));
            }
            for (int i = 0; i < replicas; i++) {
                ParleyProcess replica = ParleyProcess.start(database.datasourceProperties(), all,
                        Path.of("target", "bench-parley-" + i + ".log"));
                started.add(replica);
                ProcStats.pin(replica.pid(), cores);
            }
            ParleyTarget target = new ParleyTarget(database, started, postmaster, broker);
            target.seedAgents("bench-", 0, agents);
            return target;
        } catch (IOException | RuntimeException e) {
            started.forEach(ParleyTarget::stop);
            database.close();
            closeBroker(broker);
            throw e;
        }
    }

    private static void closeBroker(NatsServer broker) {
        if (broker != null) {
            try {
                broker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Agents {@code prefix<from>..prefix<to-1>}, available, up to 100 sessions each (operator, REST). */
    void seedAgents(String prefix, int from, int to) {
        for (int i = from; i < to; i++) {
            String id = prefix + i;
            send("PUT", "/api/agents/" + id, "{\"name\":\"" + id + "\",\"skills\":{},\"maxSessions\":100}");
            send("PUT", "/api/agents/" + id + "/presence", "{\"presence\":\"available\"}");
        }
    }

    /** An operator's request; answers the body, fails on anything but 2xx. */
    String send(String method, String path, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(csrBase() + path))
                    .header("Authorization", OPERATOR).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Passwords checked against a hash so far, on every replica ({@code parley_password_checks_total}). */
    double passwordChecks() {
        double checks = 0;
        for (ParleyProcess replica : replicas) {
            try {
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(replica.managementUrl() + "/q/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher line = PASSWORD_CHECKS.matcher(metrics);
                checks += line.find() ? Double.parseDouble(line.group(1)) : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return checks;
    }

    /** Chat messages stored in the sessions whose subject starts with {@code prefix}. */
    long chatMessages(String prefix) {
        String url = "jdbc:postgresql://localhost:" + database.port() + "/postgres";
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement count = db.prepareStatement("select count(*) from chat_message m join "
                        + "service_session s on s.id = m.session_id where s.subject like ?")) {
            count.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What PostgreSQL's sessions are doing now ({@code pg_stat_activity}, this database's client backends grouped
     * by state, wait and the start of the query), and the locks waited for ({@code pg_locks}, not granted).
     */
    String activity() {
        String url = "jdbc:postgresql://localhost:" + database.port() + "/postgres";
        StringBuilder text = new StringBuilder();
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
                Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery("""
                    select count(*), state, coalesce(wait_event_type, '-'), coalesce(wait_event, '-'),
                        left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
                    from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()
                    group by 2, 3, 4, 5 order by 1 desc""")) {
                while (rows.next()) {
                    text.append(String.format("%4d  %-20s %-10s %-20s %s%n", rows.getLong(1), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5)));
                }
            }
            try (ResultSet rows = statement.executeQuery("""
                    select count(*), locktype, mode, coalesce(relation::regclass::text, '-') from pg_locks
                    where not granted group by 2, 3, 4 order by 1 desc""")) {
                text.append("locks waited for:\n");
                while (rows.next()) {
                    text.append(String.format("%4d  %s %s %s%n", rows.getLong(1), rows.getString(2),
                            rows.getString(3), rows.getString(4)));
                }
            }
        } catch (SQLException e) {
            text.append("pg_stat_activity not read: ").append(e.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(base);
        all.putAll(more);
        return Map.copyOf(all);
    }

    EmbeddedDatabase database() {
        return database;
    }

    @Override
    public String name() {
        return (replicas.size() == 1 ? "Parley" : "Parley x" + replicas.size()) + (nats == null ? "" : " + NATS");
    }

    @Override
    public boolean relay() {
        return false;
    }

    @Override
    public String csrBase() {
        return "http://127.0.0.1:" + replicas.getFirst().port();
    }

    @Override
    public String visitorBase() {
        return "http://127.0.0.1:" + replicas.getLast().port();
    }

    @Override
    public List<Long> serverPids() {
        List<Long> pids = new ArrayList<>(jvmPids());
        if (nats != null) {
            pids.add(nats.pid());
        }
        return pids;
    }

    @Override
    public List<Long> jvmPids() {
        return replicas.stream().map(ParleyProcess::pid).toList();
    }

    @Override
    public long dbPid() {
        return postmaster;
    }

    @Override
    public void close() {
        replicas.forEach(ParleyTarget::stop);
        database.close();
        closeBroker(nats);
    }

    private static void stop(ParleyProcess replica) {
        try {
            replica.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
