package io.parley.transport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.parley.session.Channel;

/**
 * Builds connection details (WebSocket URLs) and join links ({@code join/<token>}), both derived from the
 * HTTP base the client reached us at.
 */
public final class ConnectionDetailsFactory {

    private ConnectionDetailsFactory() {
    }

    public static ConnectionDetails details(URI base, String sessionId, String legId, IssuedToken token,
            Set<Channel> channels) {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        String root = scheme + "://" + base.getRawAuthority() + path(base);
        Map<String, String> urls = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            if (channel == Channel.CONTROL || channels.contains(channel)) {
                urls.put(channel.wire(), root + "ws/sessions/" + sessionId + "/legs/" + legId + "/" + channel.wire());
            }
        }
        return new ConnectionDetails(sessionId, legId, token.token(), token.expiresAt(), urls,
                ConnectionDetails.SUBPROTOCOL);
    }

    /** The join page of an invited customer: {@code <base>join/<token>} (a link token is URL-safe as it is). */
    public static JoinLink joinLink(URI base, IssuedToken token) {
        return new JoinLink(base.getScheme() + "://" + base.getRawAuthority() + path(base) + "join/" + token.token(),
                token.expiresAt());
    }

    private static String path(URI base) {
        String path = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        return path.endsWith("/") ? path : path + "/";
    }
}
