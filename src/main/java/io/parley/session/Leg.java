package io.parley.session;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint's membership of one session.
 *
 * @param channels per channel, the connection state the endpoint last reported in a leg message
 * @param since when the leg entered its current state
 * @param label what the inviter called a customer it named ("ann@example.com"), or null: a label on the leg,
 *        never an identity: the leg's endpoint is a new visitor, whoever opens the link (see
 *        {@link SessionInstance})
 * @param supervision how a {@link LegRole#SUPERVISOR supervisor's} leg is in the session; null for every other role
 */
public record Leg(String id, EndpointRef endpoint, LegRole role, LegState state, Map<Channel, ChannelState> channels,
        Instant since, String label, Supervision supervision) {

    public Leg {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        channels = channels.isEmpty() ? Map.of() : Map.copyOf(channels);
        if ((role == LegRole.SUPERVISOR) != (supervision != null)) {
            throw new IllegalArgumentException("a supervisor's leg, and only one, has a supervision mode");
        }
    }

    /** A leg of any role but a supervisor's. */
    public Leg(String id, EndpointRef endpoint, LegRole role, LegState state, Map<Channel, ChannelState> channels,
            Instant since, String label) {
        this(id, endpoint, role, state, channels, since, label, null);
    }

    /** A leg without a label: the endpoint asked for itself, or is staff. */
    public Leg(String id, EndpointRef endpoint, LegRole role, LegState state, Map<Channel, ChannelState> channels,
            Instant since) {
        this(id, endpoint, role, state, channels, since, null);
    }

    public boolean isActive() {
        return state.isActive();
    }

    public Leg withState(LegState next, Instant at) {
        return new Leg(id, endpoint, role, next, next.isActive() ? channels : Map.of(), at, label, supervision);
    }

    /** The supervisor's leg in another mode. */
    public Leg supervising(Supervision mode) {
        return new Leg(id, endpoint, LegRole.SUPERVISOR, state, channels, since, label, mode);
    }

    /** The supervisor's leg as the session's CSR: it took the session over. */
    public Leg tookOver() {
        return new Leg(id, endpoint, LegRole.CSR, state, channels, since, label, null);
    }

    /** A party to the conversation: the customer or a CSR (not an operator observing, not a supervisor). */
    public boolean isParty() {
        return role == LegRole.CUSTOMER || role == LegRole.CSR;
    }

    /** A monitoring or whispering supervisor: the customer sees neither the leg nor anything it does. */
    public boolean hiddenFromCustomers() {
        return supervision != null && !supervision.open();
    }

    /** The leg with these channel reports merged over the earlier ones. */
    public Leg withChannels(Map<Channel, ChannelState> reported) {
        Map<Channel, ChannelState> merged = new EnumMap<>(Channel.class);
        merged.putAll(channels);
        merged.putAll(reported);
        return new Leg(id, endpoint, role, state, merged, since, label, supervision);
    }

    public ChannelState channel(Channel channel) {
        return channels.getOrDefault(channel, ChannelState.DISCONNECTED);
    }
}
