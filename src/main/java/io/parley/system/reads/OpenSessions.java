package io.parley.system.reads;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.session.EndpointRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** How many sessions an endpoint is in now (an active leg: invited, joining or connected): one indexed count. */
@ApplicationScoped
public class OpenSessions {

    private final Pool pool;

    public OpenSessions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Integer> of(EndpointRef endpoint) {
        return pool.preparedQuery("""
                select count(distinct session_id) as open from leg
                where endpoint_kind = $1 and endpoint_id = $2 and state in ('invited', 'joining', 'connected')""")
                .execute(Tuple.of(endpoint.kind().wire(), endpoint.id()))
                .map(rows -> rows.iterator().next().getInteger("open"));
    }
}
