package io.parley.transport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.parley.session.Channel;

/** Builds connection details: WebSocket URLs derived from the HTTP base the client reached us at. */
public final class ConnectionDetailsFactory {

    private ConnectionDetailsFactory() {
    }

    public static ConnectionDetails details(URI base, String sessionId, String legId, IssuedToken token,
            Set<Channel> channels) {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        String path = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        String root = scheme + "://" + base.getRawAuthority() + (path.endsWith("/") ? path : path + "/");
        Map<String, String> urls = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            if (channel == Channel.CONTROL || channels.contains(channel)) {
                urls.put(channel.wire(), root + "ws/sessions/" + sessionId + "/legs/" + legId + "/" + channel.wire());
            }
        }
        return new ConnectionDetails(sessionId, legId, token.token(), token.expiresAt(), urls,
                ConnectionDetails.SUBPROTOCOL);
    }
}
