package io.parley.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.parley.session.Candidate;
import io.parley.session.Channel;
import io.parley.session.ChannelState;
import io.parley.session.CsrState;
import io.parley.session.Decision;
import io.parley.session.EndpointRef;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.Request;
import io.parley.session.Requester;
import io.parley.session.ServiceInstance;
import io.parley.session.ServiceSession;
import io.parley.session.SessionInstance;
import io.parley.session.Situation;
import io.parley.session.TransferMode;
import io.parley.session.Verdict;

/**
 * What a service would do for each kind of request, decided by its real behaviour on a made-up session:
 * a customer, a CSR with it, and a second CSR free who has every skill. For reviewing a service's
 * configuration before it is deployed ({@code parley services check}). Pure.
 */
public final class ServicePreview {

    /** One request kind and what the service answers: allowed (with its account) or refused (by which rule). */
    public record Row(String request, boolean allowed, String outcome) {
    }

    private static final Instant NOW = Instant.parse("2026-01-01T09:00:00Z");
    private static final EndpointRef CUSTOMER = EndpointRef.customer("ann");
    private static final EndpointRef STRANGER = EndpointRef.customer("zoe");
    private static final EndpointRef FIRST_CSR = EndpointRef.csr("alice");
    private static final EndpointRef SECOND_CSR = EndpointRef.csr("bob");

    private ServicePreview() {
    }

    public static List<Row> of(ServiceDefinition definition, ServiceInstance service) {
        String subject = definition.subjects().keySet().stream().sorted().findFirst().orElse(null);
        String about = subject == null ? "" : " (" + subject + ")";
        Situation situation = new Situation(List.of(candidate(FIRST_CSR, definition), candidate(SECOND_CSR,
                definition)), NOW);
        Requester customer = Requester.as(CUSTOMER);
        Requester csr = Requester.as(FIRST_CSR);
        List<Row> rows = new ArrayList<>();
        Function<Request, Row> fresh = request -> row(service.decide(ServiceSession.opened("preview", definition.id(),
                subject, NOW), request, situation));
        rows.add(named("a customer asks" + about, fresh.apply(new Request.Start(customer, subject, null))));
        rows.add(named("a customer asks without a subject", fresh.apply(new Request.Start(customer, null, null))));
        rows.add(named("a customer asks for a named CSR", fresh.apply(new Request.Start(customer, subject,
                SECOND_CSR))));
        rows.add(named("a CSR opens a session with a customer", fresh.apply(new Request.Start(csr, subject,
                CUSTOMER))));
        ServiceSession established = established(definition, subject, service, situation);
        Function<Request, Row> inSession = request -> row(service.decide(established, request, situation));
        rows.add(named("someone not invited joins by id", inSession.apply(new Request.Join(Requester.as(STRANGER)))));
        rows.add(named("an operator joins to observe", inSession.apply(new Request.Join(Requester.operator("op")))));
        rows.add(named("the customer invites another endpoint", inSession.apply(new Request.Invite(customer,
                STRANGER))));
        rows.add(named("the CSR invites whoever fits" + about, inSession.apply(new Request.InviteForSubject(csr,
                subject))));
        rows.add(named("the CSR conferences in a named CSR", inSession.apply(new Request.Conference(csr, SECOND_CSR,
                null))));
        rows.add(named("the CSR conferences in whoever fits" + about, inSession.apply(new Request.Conference(csr,
                null, subject))));
        rows.add(named("the CSR transfers to a named CSR", inSession.apply(new Request.Transfer(csr, SECOND_CSR,
                null, TransferMode.COLD))));
        rows.add(named("the CSR transfers to whoever fits" + about, inSession.apply(new Request.Transfer(csr, null,
                subject, TransferMode.COLD))));
        rows.add(named("the customer leaves", afterward(established, service, situation, new Request.RemoveLeg(
                customer, established.activeLegOf(CUSTOMER).orElseThrow().id()))));
        rows.add(named("the CSR leaves", afterward(established, service, situation, new Request.RemoveLeg(csr,
                established.activeLegOf(FIRST_CSR).orElseThrow().id()))));
        return rows;
    }

    /** A customer and a CSR, both connected. */
    private static ServiceSession established(ServiceDefinition definition, String subject, ServiceInstance service,
            Situation situation) {
        SessionInstance sessions = sessions();
        ServiceSession session = sessions.run(ServiceSession.opened("preview", definition.id(), subject, NOW),
                List.of(new Decision.AddLeg(CUSTOMER, LegRole.CUSTOMER, LegState.JOINING),
                        new Decision.AddLeg(FIRST_CSR, LegRole.CSR, LegState.JOINING)),
                service, situation).session();
        for (EndpointRef endpoint : List.of(CUSTOMER, FIRST_CSR)) {
            session = sessions.report(session, session.activeLegOf(endpoint).orElseThrow().id(),
                    Map.of(Channel.CONTROL, ChannelState.CONNECTED), service, situation).session();
        }
        return session;
    }

    /** For a leave: what follows once it is carried out (the session ends, waits again, or goes on). */
    private static Row afterward(ServiceSession session, ServiceInstance service, Situation situation,
            Request request) {
        Verdict verdict = service.decide(session, request, situation);
        if (verdict instanceof Verdict.Refused refused) {
            return row(refused);
        }
        ServiceSession after = sessions().run(session, ((Verdict.Allowed) verdict).decisions(), service, situation)
                .session();
        String follows = after.isEnded() ? "the session ends (" + after.endReason() + ")"
                : after.queued().isPresent() ? "the session waits for a CSR" : "the session goes on";
        return new Row("", true, follows);
    }

    private static Row row(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Allowed allowed -> new Row("", true, allowed.explanation());
            case Verdict.Refused refused -> new Row("", false, refused.refusal().code().wire() + ": "
                    + refused.refusal().detail());
        };
    }

    private static Row named(String request, Row row) {
        return new Row(request, row.allowed(), row.outcome());
    }

    /** An available CSR with every skill the service names, at the top level. */
    private static Candidate candidate(EndpointRef csr, ServiceDefinition definition) {
        Map<String, Integer> skills = new HashMap<>();
        definition.subjects().values().forEach(requirement -> requirement.minimumLevels().keySet()
                .forEach(skill -> skills.put(skill, 10)));
        return Candidate.of(csr, csr.id(), CsrState.AVAILABLE, skills, 0, 10, NOW);
    }

    private static SessionInstance sessions() {
        AtomicInteger ids = new AtomicInteger();
        return new SessionInstance(() -> "preview-" + ids.incrementAndGet());
    }
}
