package io.parley.system.deadlines;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.parley.session.Happening;
import io.parley.session.ServiceInstance;
import io.parley.session.ServiceSession;
import io.parley.session.SessionEvent;
import io.parley.system.Outcome;
import io.parley.system.SessionNotice;
import io.parley.system.Timers;
import io.parley.system.change.Change;
import io.parley.system.change.ChangeAnnouncer;
import io.parley.system.change.SessionTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A transfer's deadline: when the second CSR has not connected by then, the service decides what follows (the
 * first CSR keeps the customer). Armed when a change here starts a transfer, and for every pending transfer
 * again after a start.
 */
@ApplicationScoped
public class TransferDeadlines {

    private final SessionTransaction transaction;
    private final ChangeAnnouncer announcer;
    private final Timers timers;
    private final Clock clock;

    public TransferDeadlines(SessionTransaction transaction, ChangeAnnouncer announcer, Timers timers,
            Clock clock) {
        this.transaction = transaction;
        this.announcer = announcer;
        this.timers = timers;
        this.clock = clock;
    }

    /** A change committed here started a transfer: its deadline is counted here. */
    void started(@Observes SessionNotice notice) {
        if (notice instanceof SessionNotice.Changed changed) {
            for (SessionEvent event : changed.events()) {
                if (event instanceof SessionEvent.TransferStarted started) {
                    arm(UUID.fromString(changed.sessionId()), started.transfer().toLegId(),
                            started.transfer().deadline());
                }
            }
        }
    }

    /** After a start, no timer is armed: every pending transfer of the {@code open} sessions gets its deadline. */
    void recover(List<ServiceSession> open) {
        for (ServiceSession session : open) {
            session.pendingTransfer().ifPresent(transfer -> arm(UUID.fromString(session.id()), transfer.toLegId(),
                    transfer.deadline()));
        }
    }

    private void arm(UUID sessionId, String toLegId, Instant deadline) {
        timers.after(Duration.between(clock.instant(), deadline), () -> expireTransfer(sessionId, toLegId)
                .replaceWithVoid());
    }

    /** The transfer's second leg did not connect in time (called by the transfer timer). */
    public Uni<Outcome<Change>> expireTransfer(UUID sessionId, String toLegId) {
        return transaction.locked(sessionId, loaded -> {
            Instant now = clock.instant();
            var pending = loaded.session().pendingTransfer()
                    .filter(t -> t.toLegId().equals(toLegId) && !now.isBefore(t.deadline()));
            if (pending.isEmpty()) {
                return Uni.createFrom().item(Outcome.<Change>done(SessionTransaction.unchanged(loaded.session())));
            }
            ServiceInstance service = transaction.instanceOf(loaded.session());
            return transaction.react(loaded, situation -> service.react(loaded.session(),
                    new Happening.TransferExpired(pending.get()), situation), "transfer deadline passed");
        }).map(outcome -> announcer.afterCommit(outcome, null));
    }
}
