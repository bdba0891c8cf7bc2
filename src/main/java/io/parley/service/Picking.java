package io.parley.service;

import java.time.Duration;
import java.time.Instant;
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
public final class Picking {

    /** Why an agent cannot pick a waiting customer now: the refusal's code, and the reason in the agent's words. */
    public record Blocked(Refusal.Code code, String reason) {
    }

    private Picking() {
    }

    /**
     * Allowed to an agent of the service (it fits the subject, as the queue asks now) who is available with room for
     * one more, when the service allows picking and the customer waits for an agent; the wait is answered as an
     * accepted offer would answer it, and the offers out for it are withdrawn.
     */
    static Verdict pick(ServiceDefinition definition, ServiceSession session, Request.Pick pick, Situation situation) {
        EndpointRef csr = pick.by().endpoint();
        return blocked(definition, session, csr, situation.csr(csr), situation.now())
                .<Verdict>map(blocked -> Verdict.refuse(blocked.code(), csr + " cannot pick: " + blocked.reason()))
                .orElseGet(() -> {
                    String subject = session.queue().subject();
                    return Verdict.allow(csr + " picks the waiting customer from the queue"
                            + (subject == null ? "" : " (" + subject + ")"),
                            List.of(
                                    new Decision.Dequeue(QueueOutcome.ANSWERED, "picked by " + csr),
                                    new Decision.AddLeg(csr, LegRole.CSR, LegState.INVITED)));
                });
    }

    /** Whether the CSR has the skills the wait's subject asks for now (escalations applied). */
    public static boolean fits(ServiceDefinition definition, Queued queue, Candidate csr, Instant now) {
        return definition.requirementFor(queue.subject(), Duration.between(queue.since(), now)).isMetBy(csr);
    }

    /**
     * Why {@code csr} ({@code me} as routing sees it, empty when it is not an agent routing knows) cannot pick the
     * session's customer now, or empty when it can: what the pick request decides and the console's queue view says.
     */
    public static Optional<Blocked> blocked(ServiceDefinition definition, ServiceSession session, EndpointRef csr,
            Optional<Candidate> me, Instant now) {
        if (!csr.isCsr()) {
            return Optional.of(new Blocked(Refusal.Code.ONLY_CSRS, "only agents pick customers from a queue"));
        }
        if (!definition.allow().pick()) {
            return Optional
                    .of(new Blocked(Refusal.Code.PICK_NOT_ALLOWED, "the service offers its customers to agents"));
        }
        Queued queue = session.queue();
        if (queue == null || queue.purpose() != Queued.Purpose.SERVE) {
            return Optional.of(new Blocked(Refusal.Code.NOT_WAITING, "the session is not waiting for an agent"));
        }
        if (session.isMember(csr)) {
            return Optional.of(new Blocked(Refusal.Code.ALREADY_IN_SESSION, "you are already in the session"));
        }
        if (me.isEmpty() || me.get().state() == CsrState.AWAY || me.get().state() == CsrState.OFFLINE) {
            return Optional.of(new Blocked(Refusal.Code.ENDPOINT_UNAVAILABLE, "set yourself available to pick"));
        }
        if (!me.get().hasCapacity()) {
            return Optional.of(new Blocked(Refusal.Code.ENDPOINT_UNAVAILABLE, "you have no room for another "
                    + "conversation (" + me.get().activeSessions() + " of " + me.get().maxSessions() + ")"));
        }
        if (!fits(definition, queue, me.get(), now)) {
            return Optional.of(new Blocked(Refusal.Code.NOT_PERMITTED, "you lack the skills " + queue.subject()
                    + " needs"));
        }
        return Optional.empty();
    }
}
