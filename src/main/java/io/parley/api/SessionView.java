package io.parley.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.PendingTransfer;
import io.parley.session.Queued;
import io.parley.session.ServiceSession;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A session as the API shows it. What a customer sees is cut to an allow-list: its own leg in full, the
 * others without endpoint ids of other customers.
 */
// Native image: Jackson reads and writes these by reflection, outside REST return values.
@RegisterForReflection(ignoreNested = false)
public record SessionView(String id, String service, String subject, String state, long version, Instant createdAt,
        Instant endedAt, String endReason, List<LegView> legs, TransferView transfer, QueueView queue) {

    /**
     * One leg: who (and the name people see: a CSR's display name), in which role, in which state, and each
     * channel's connection state; {@code label}: what staff called a customer they named (staff only);
     * {@code supervision}: how a supervisor's leg is in the session (monitor, whisper, barge), null for others.
     */
    public record LegView(String id, EndpointBody endpoint, String name, String role, String state,
            Map<String, String> channels, Instant since, String label, String supervision) {
    }

    public record TransferView(String fromLegId, String toLegId, String mode, Instant deadline) {
        static TransferView of(PendingTransfer transfer) {
            return transfer == null ? null
                    : new TransferView(transfer.fromLegId(), transfer.toLegId(), transfer.mode().wire(),
                            transfer.deadline());
        }
    }

    /**
     * The session's wait in its service's queue: what for, since when; staff also see to whom it is
     * offered now, who declined, the CSR a conference or transfer was asked of by name ({@code to}) and the note
     * left for the CSR who takes it.
     */
    public record QueueView(String purpose, String subject, Instant since, List<OfferView> offers,
            List<String> passed, String to, String note) {
        static QueueView of(Queued queue, boolean staff) {
            if (queue == null) {
                return null;
            }
            return new QueueView(queue.purpose().wire(), queue.subject(), queue.since(),
                    staff ? queue.offers().stream().map(o -> new OfferView(o.id(), o.csr().toString(), o.made(),
                            o.expires())).toList() : null,
                    staff ? queue.passed().keySet().stream().map(EndpointRef::toString).sorted().toList() : null,
                    staff && queue.forNamedCsr() ? queue.named().toString() : null, staff ? queue.note() : null);
        }
    }

    public record OfferView(String id, String csr, Instant made, Instant expires) {
    }

    /** An endpoint named in a reason: {@code csr:alice}, {@code customer:v-1a2b}. */
    private static final Pattern ENDPOINT = Pattern.compile("\\b(?:csr|customer|system):[\\w.@-]+");

    /**
     * A reason as people read it: the endpoints it names as rosters name them ("ended by csr:alice" becomes
     * "ended by Alice Martin"). Staff see the endpoints themselves, as the event log keeps them.
     */
    public static String readable(String reason, Function<EndpointRef, String> names) {
        return reason == null ? null : ENDPOINT.matcher(reason).replaceAll(
                found -> Matcher.quoteReplacement(names.apply(EndpointRef.parse(found.group()))));
    }

    /** The session as {@code viewer} may see it; {@code staff} see every endpoint; {@code names} name them. */
    public static SessionView of(ServiceSession session, EndpointRef viewer, boolean staff,
            Function<EndpointRef, String> names) {
        // A monitoring or whispering supervisor is not in a customer's picture of the session at all.
        List<LegView> legs = session.legs().stream().filter(leg -> staff || !leg.hiddenFromCustomers())
                .map(leg -> legView(leg, viewer, staff, names)).toList();
        return new SessionView(session.id(), session.serviceId(), session.subject(), session.state().wire(),
                session.version(), session.createdAt(), session.endedAt(),
                staff ? session.endReason() : readable(session.endReason(), names), legs,
                staff ? TransferView.of(session.transfer()) : null, QueueView.of(session.queue(), staff));
    }

    private static LegView legView(Leg leg, EndpointRef viewer, boolean staff, Function<EndpointRef, String> names) {
        boolean hidden = !staff && leg.endpoint().isCustomer() && !leg.endpoint().equals(viewer);
        EndpointBody endpoint = hidden ? new EndpointBody(leg.endpoint().kind().wire(), "hidden")
                : EndpointBody.of(leg.endpoint());
        Map<String, String> channels = new LinkedHashMap<>();
        leg.channels().forEach((channel, state) -> channels.put(channel.wire(), state.wire()));
        return new LegView(leg.id(), endpoint, names.apply(leg.endpoint()), leg.role().wire(), leg.state().wire(),
                channels, leg.since(), staff ? leg.label() : null,
                leg.supervision() == null ? null : leg.supervision().wire());
    }
}
