package io.parley.system.store;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.session.Channel;
import io.parley.session.ChannelState;
import io.parley.session.EndpointKind;
import io.parley.session.EndpointRef;
import io.parley.session.Leg;
import io.parley.session.LegRole;
import io.parley.session.LegState;
import io.parley.session.Offer;
import io.parley.session.PendingTransfer;
import io.parley.session.Queued;
import io.parley.session.ServiceSession;
import io.parley.session.SessionState;
import io.parley.session.Supervision;
import io.parley.session.TransferMode;
import io.parley.session.WireName;

/**
 * How a service-session is kept in rows: the header's columns, each leg's, and the JSON of the columns that hold
 * a structure (channel states, a pending transfer, a queue place); both ways, for the store and the queries.
 */
@ApplicationScoped
public class SessionMapping {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public SessionMapping(ObjectMapper json) {
        this.json = json;
    }

    ServiceSession toModel(SessionEntity header, List<LegEntity> legs, List<OfferEntity> offers) {
        List<Leg> model = legs.stream()
                .map(leg -> new Leg(leg.id.toString(),
                        new EndpointRef(EndpointKind.fromWire(leg.endpointKind), leg.endpointId),
                        WireName.parse(LegRole.class, leg.role), WireName.parse(LegState.class, leg.state),
                        readChannels(leg.channels), leg.since, leg.label,
                        leg.supervision == null ? null : WireName.parse(Supervision.class, leg.supervision)))
                .toList();
        return new ServiceSession(header.id.toString(), header.serviceId, header.subject,
                SessionState.fromWire(header.state), model, readTransfer(header.transfer), readQueue(header.queue,
                        offers),
                header.version, header.createdAt, header.endedAt, header.endReason);
    }

    void copyHeader(ServiceSession session, SessionEntity header) {
        header.state = session.state().wire();
        header.version = session.version();
        header.transfer = session.pendingTransfer().map(this::writeTransfer).orElse(null);
        header.serviceId = session.serviceId();
        header.queue = session.queued().map(this::writeQueue).orElse(null);
        header.queuedSince = session.queued().map(Queued::since).orElse(null);
        header.endedAt = session.endedAt();
        header.endReason = session.endReason();
    }

    String writeChannels(Map<Channel, ChannelState> channels) {
        Map<String, String> wire = new LinkedHashMap<>();
        channels.forEach((channel, state) -> wire.put(channel.wire(), state.wire()));
        return write(wire);
    }

    private Map<Channel, ChannelState> readChannels(String column) {
        Map<Channel, ChannelState> channels = new EnumMap<>(Channel.class);
        read(column, STRING_MAP).forEach((channel, state) -> channels.put(Channel.fromWire(channel),
                ChannelState.fromWire(state)));
        return channels;
    }

    private String writeTransfer(PendingTransfer transfer) {
        return write(Map.of("fromLegId", transfer.fromLegId(), "toLegId", transfer.toLegId(), "mode",
                transfer.mode().wire(), "deadline", transfer.deadline().toString()));
    }

    private PendingTransfer readTransfer(String column) {
        if (column == null) {
            return null;
        }
        Map<String, String> fields = read(column, STRING_MAP);
        return new PendingTransfer(fields.get("fromLegId"), fields.get("toLegId"),
                TransferMode.fromWire(fields.get("mode")), Instant.parse(fields.get("deadline")));
    }

    private String writeQueue(Queued queue) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("purpose", queue.purpose().wire());
        fields.put("subject", queue.subject());
        fields.put("since", queue.since().toString());
        fields.put("fromLegId", queue.fromLegId());
        fields.put("mode", queue.mode() == null ? null : queue.mode().wire());
        Map<String, String> passed = new TreeMap<>();
        queue.passed().forEach((csr, at) -> passed.put(csr.toString(), at.toString()));
        fields.put("passedAt", passed);
        if (queue.forNamedCsr()) {
            fields.put("named", queue.named().toString());
        }
        if (queue.note() != null) {
            fields.put("note", queue.note());
        }
        return write(fields);
    }

    private Queued readQueue(String column, List<OfferEntity> offers) {
        if (column == null) {
            return null;
        }
        Map<String, Object> fields = readObject(column);
        Instant since = Instant.parse((String) fields.get("since"));
        Map<EndpointRef, Instant> passed = new LinkedHashMap<>();
        if (fields.get("passedAt") instanceof Map<?, ?> passedAt) {
            passedAt.forEach((csr, at) -> passed.put(EndpointRef.parse((String) csr), Instant.parse((String) at)));
        } else if (fields.get("passed") instanceof List<?> before) {
            // Stored before the times were: passed over since the wait began.
            before.forEach(csr -> passed.put(EndpointRef.parse((String) csr), since));
        }
        Object mode = fields.get("mode");
        return new Queued(WireName.parse(Queued.Purpose.class, (String) fields.get("purpose")),
                (String) fields.get("subject"), since,
                (String) fields.get("fromLegId"), mode == null ? null : TransferMode.fromWire((String) mode), passed,
                offers.stream().map(row -> new Offer(row.id.toString(), EndpointRef.csr(row.agentId), row.madeAt,
                        row.expiresAt)).toList(),
                fields.get("named") instanceof String named ? EndpointRef.parse(named) : null,
                (String) fields.get("note"));
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + value, e);
        }
    }

    Map<String, Object> readObject(String column) {
        return read(column, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private <T> T read(String column, TypeReference<T> type) {
        try {
            return json.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + column, e);
        }
    }

    static String roomKey(String serviceId, String subject) {
        return serviceId + "/" + subject;
    }
}
