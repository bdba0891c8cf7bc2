package io.parley.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.vertx.core.json.JsonObject;

/**
 * The idle background of the {@code flat} mode: agents {@code bg-<n>} created over REST as the operator
 * ({@code PUT /api/agents/{id}}, then available), and open rooms of the {@code bench} service. A room is
 * slow to make over REST (two requests, an event log), so one template room is made over REST and then
 * copied with SQL ({@code INSERT ... SELECT} from {@code generate_series}): rows of {@code service_session}
 * (subject {@code bg-<n>}, room key {@code bench/bg-<n>}, no events yet) and its two legs in
 * {@code leg} (the CSR {@code bg-<n % agents>} and a visitor {@code v-bg-<n>}, both joining, no channel
 * connected), exactly as the template's rows are except for ids, subject and endpoints. Nothing connects to
 * them: they are the open sessions and agents every query of the measured path has to look past.
 */
final class Background {

    private final ParleyTarget target;
    private int agents;
    private int sessions;
    private String template;

    Background(ParleyTarget target) {
        this.target = target;
    }

    int agents() {
        return agents;
    }

    int sessions() {
        return sessions;
    }

    /** Adds agents and open rooms until there are {@code agentCount} and {@code sessionCount}. */
    void growTo(int agentCount, int sessionCount) throws SQLException {
        if (agentCount > agents) {
            target.seedAgents("bg-", agents, agentCount);
            agents = agentCount;
        }
        if (template == null) {
            template = new JsonObject(target.send("POST", "/api/sessions", new JsonObject().put("service", "bench")
                    .put("subject", "bg-template").put("with", new JsonObject().put("kind", "customer")
                            .put("id", "v-bg-template"))
                    .put("onBehalfOf", new JsonObject().put("kind", "csr").put("id", "bg-0")).encode()))
                    .getJsonObject("session").getString("id");
            sessions = 1;
        }
        if (sessionCount <= sessions) {
            return;
        }
        String url = "jdbc:postgresql://localhost:" + target.database().port() + "/postgres";
        try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
            try (PreparedStatement rooms = db.prepareStatement("""
                    insert into service_session (id, service_id, subject, state, version, transfer, room_key,
                        created_at, last_event_seq, last_chat_seq, queue, queued_since)
                    select gen_random_uuid(), s.service_id, 'bg-' || g, s.state, s.version, s.transfer,
                        s.service_id || '/bg-' || g, now(), 0, 0, null, null
                    from service_session s, generate_series(?, ?) g where s.id = ?::uuid""")) {
                rooms.setInt(1, sessions);
                rooms.setInt(2, sessionCount - 1);
                rooms.setString(3, template);
                rooms.executeUpdate();
            }
            try (PreparedStatement legs = db.prepareStatement("""
                    insert into leg (id, session_id, position, endpoint_kind, endpoint_id, role, state, channels, since)
                    select gen_random_uuid(), n.id, l.position, l.endpoint_kind,
                        case when l.endpoint_kind = 'csr' then 'bg-' || (g % ?) else 'v-bg-' || g end,
                        l.role, l.state, l.channels, now()
                    from generate_series(?, ?) g
                    join service_session n on n.room_key = 'bench/bg-' || g
                    join leg l on l.session_id = ?::uuid""")) {
                legs.setInt(1, agents);
                legs.setInt(2, sessions);
                legs.setInt(3, sessionCount - 1);
                legs.setString(4, template);
                legs.executeUpdate();
            }
        }
        sessions = sessionCount;
    }

    /** What the database holds now: open sessions and agents (all of them, the measuring ones included). */
    String census() throws SQLException {
        String url = "jdbc:postgresql://localhost:" + target.database().port() + "/postgres";
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement count = db.prepareStatement("""
                        select (select count(*) from service_session where state <> 'ended'),
                            (select count(*) from leg where state in ('invited', 'joining', 'connected')),
                            (select count(*) from agent)""");
                ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1) + " open sessions, " + rows.getLong(2) + " active legs, " + rows.getLong(3)
                    + " agents";
        }
    }
}
