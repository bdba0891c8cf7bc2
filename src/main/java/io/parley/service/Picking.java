package io.parley.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.parley.session.Candidate;
import io.parley.session.CsrState;
import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.QueueOutcome;
import io.parley.session.Queued;
import io.parley.session.Refusal;
import io.parley.session.Request;
import io.parley.session.ServiceSession;
import io.parley.session.Situation;
import io.parley.session.Verdict;

/**
 * Whether an agent may take a waiting customer from the queue itself (the console's queue view), rather than
 * wait to be offered one: pure, as every decision of a service instance.
 */
final class Picking {

    private Picking() {
    }

    /**
     * Allowed to an agent of the service (it fits the subject, as the queue asks now) who is available with room for
     * one more, when the service allows picking and the customer waits for an agent; the wait is answered as an
     * accepted offer would answer it, and the offers out for it are withdrawn.
     */
    static Verdict pick(ServiceDefinition definition, ServiceSession session, Request.Pick pick, Situation situation) {
        EndpointRef csr = pick.by().endpoint();
        return refusal(definition, session, csr, situation).<Verdict>map(Verdict.Refused::new).orElseGet(() -> {
            String subject = session.queue().subject();
            return Verdict.allow(csr + " picks the waiting customer from the queue"
                    + (subject == null ? "" : " (" + subject + ")"),
                    List.of(
                            new Decision.Dequeue(QueueOutcome.ANSWERED, "picked by " + csr),
                            new Decision.AddLeg(csr, LegRole.CSR, LegState.INVITED)));
        });
    }

    private static Optional<Refusal> refusal(ServiceDefinition definition, ServiceSession session, EndpointRef csr,
            Situation situation) {
        if (!csr.isCsr()) {
            return Optional.of(Refusal.of(Refusal.Code.ONLY_CSRS, "only agents pick customers from a queue"));
        }
        if (!definition.allow().pick()) {
            return Optional.of(Refusal.of(Refusal.Code.PICK_NOT_ALLOWED,
                    "service " + definition.id() + " offers its customers to agents: they are not picked"));
        }
        Queued queue = session.queue();
        if (queue == null || queue.purpose() != Queued.Purpose.SERVE) {
            return Optional.of(Refusal.of(Refusal.Code.NOT_WAITING, "the session is not waiting for an agent"));
        }
        if (session.isMember(csr)) {
            return Optional.of(Refusal.of(Refusal.Code.ALREADY_IN_SESSION, csr + " is already in the session"));
        }
        Optional<Candidate> me = situation.csr(csr);
        if (me.isEmpty() || me.get().state() == CsrState.AWAY || me.get().state() == CsrState.OFFLINE) {
            return Optional.of(Refusal.of(Refusal.Code.ENDPOINT_UNAVAILABLE,
                    csr + " is not available: set yourself available to pick a customer"));
        }
        if (!me.get().hasCapacity()) {
            return Optional.of(Refusal.of(Refusal.Code.ENDPOINT_UNAVAILABLE, csr + " has no room for another session ("
                    + me.get().activeSessions() + " of " + me.get().maxSessions() + ")"));
        }
        if (!definition.requirementFor(queue.subject(), Duration.between(queue.since(), situation.now()))
                .isMetBy(me.get())) {
            return Optional.of(Refusal.of(Refusal.Code.NOT_PERMITTED, csr + " lacks the skills " + queue.subject()
                    + " needs"));
        }
        return Optional.empty();
    }
}
