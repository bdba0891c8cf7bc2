package io.parley.transport;

import java.time.Instant;
import java.util.Set;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;

/** What a valid leg token grants: these channels of this leg of this session, to this endpoint. */
public record LegGrant(String sessionId, String legId, EndpointRef endpoint, Set<Channel> channels,
        Instant expiresAt) {

    public LegGrant {
        channels = Set.copyOf(channels);
    }
}
