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
 */
public record Leg(String id, EndpointRef endpoint, LegRole role, LegState state, Map<Channel, ChannelState> channels,
        Instant since, String label) {

    public Leg {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        channels = channels.isEmpty() ? Map.of() : Map.copyOf(channels);
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
        return new Leg(id, endpoint, role, next, next.isActive() ? channels : Map.of(), at, label);
    }

    /** The leg with these channel reports merged over the earlier ones. */
    public Leg withChannels(Map<Channel, ChannelState> reported) {
        Map<Channel, ChannelState> merged = new EnumMap<>(Channel.class);
        merged.putAll(channels);
        merged.putAll(reported);
        return new Leg(id, endpoint, role, state, merged, since, label);
    }

    public ChannelState channel(Channel channel) {
        return channels.getOrDefault(channel, ChannelState.DISCONNECTED);
    }
}
