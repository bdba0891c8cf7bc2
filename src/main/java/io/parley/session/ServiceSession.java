package io.parley.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one service-session: which endpoints are joined (legs), what it is about, and any
 * transfer under way. Immutable; {@link SessionInstance} derives the next state from a decision.
 *
 * @param subject what the session is about, or {@code null}
 * @param transfer the transfer under way, or {@code null}
 * @param queue the session's place in its service's queue, or {@code null} when it waits for nobody
 * @param version grows by one with every change, so a reader can tell a newer roster from an older one
 * @param endReason why the session ended, or {@code null} while it is open
 */
public record ServiceSession(String id, String serviceId, String subject, SessionState state, List<Leg> legs,
        PendingTransfer transfer, Queued queue, long version, Instant createdAt, Instant endedAt, String endReason) {

    public ServiceSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        legs = List.copyOf(legs);
    }

    /** A session that has just been created and has nobody in it yet. */
    public static ServiceSession opened(String id, String serviceId, String subject, Instant at) {
        return new ServiceSession(id, serviceId, subject, SessionState.ACTIVE, List.of(), null, null, 0, at, null,
                null);
    }

    public boolean isEnded() {
        return state == SessionState.ENDED;
    }

    public List<Leg> activeLegs() {
        return legs.stream().filter(Leg::isActive).toList();
    }

    public Optional<Leg> leg(String legId) {
        return legs.stream().filter(leg -> leg.id().equals(legId)).findFirst();
    }

    /** The endpoint's current (active) leg, if it has one. */
    public Optional<Leg> activeLegOf(EndpointRef endpoint) {
        return legs.stream().filter(leg -> leg.isActive() && leg.endpoint().equals(endpoint)).findFirst();
    }

    public List<Leg> activeLegsIn(LegRole role) {
        return legs.stream().filter(leg -> leg.isActive() && leg.role() == role).toList();
    }

    public boolean isMember(EndpointRef endpoint) {
        return activeLegOf(endpoint).isPresent();
    }

    public Optional<PendingTransfer> pendingTransfer() {
        return Optional.ofNullable(transfer);
    }

    public Optional<Queued> queued() {
        return Optional.ofNullable(queue);
    }
}
