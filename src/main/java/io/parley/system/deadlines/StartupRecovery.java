package io.parley.system.deadlines;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.parley.session.ServiceSession;
import io.parley.system.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * After a start (a crash, a deployment) nothing is connected and no timer is armed: the open sessions are read
 * once, and each leg that was connected gets its reconnect grace ({@link LegLiveness}) and each pending transfer
 * its deadline ({@link TransferDeadlines}) again.
 */
@ApplicationScoped
public class StartupRecovery {

    private final SessionRepository sessions;
    private final LegLiveness liveness;
    private final TransferDeadlines deadlines;

    public StartupRecovery(SessionRepository sessions, LegLiveness liveness, TransferDeadlines deadlines) {
        this.sessions = sessions;
        this.liveness = liveness;
        this.deadlines = deadlines;
    }

    void recover(@Observes StartupEvent started) throws Throwable {
        List<ServiceSession> open = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> sessions.open()));
        liveness.recover(open);
        deadlines.recover(open);
    }
}
