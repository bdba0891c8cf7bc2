package io.parley.api.ws;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.channel.Channel;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Lets a connection that has been refused stop being read: at the upgrade it keeps the connection's Netty channel
 * with the connection, and {@link #stopReading} turns the channel's reading off. A flooder closed for its rate
 * keeps writing until it reads the close; unread, its frames stay in the network's buffers (and then hold the
 * flooder back) instead of each being decoded, dispatched and dropped here. The close frame already sent still
 * goes out, and the connection is dropped after {@link LimitsConfig#closingTimeout()}.
 */
@ApplicationScoped
public class ReadPause implements HttpUpgradeCheck {

    private static final UserData.TypedKey<Channel> CHANNEL = new UserData.TypedKey<>("parley.channel");

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (context.httpRequest().connection() instanceof ConnectionBase connection) {
            context.userData().put(CHANNEL, connection.channel());
        }
        return CheckResult.permitUpgrade();
    }

    /** Stops reading the connection's network channel (nothing happens when it was not kept at the upgrade). */
    static void stopReading(WebSocketConnection connection) {
        Channel channel = connection.userData().get(CHANNEL);
        if (channel != null) {
            channel.config().setAutoRead(false);
        }
    }
}
