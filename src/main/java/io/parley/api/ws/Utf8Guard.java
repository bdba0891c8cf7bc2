package io.parley.api.ws;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Text frames are UTF-8 (RFC 6455 §8.1), on every WebSocket of this service, checked in one place. Vert.x
 * reads a text frame's bytes as UTF-8 with replacement characters, so an invalid frame would reach the
 * endpoints as text that was never sent. Before each upgrade this puts Netty's {@link Utf8FrameValidator}
 * into the connection's pipeline, in front of Vert.x: a text frame (or continuation) that is not valid UTF-8
 * never reaches an endpoint, and the connection is closed with 1007 (invalid frame payload data).
 */
@ApplicationScoped
public class Utf8Guard implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(Utf8Guard.class);
    /** Vert.x's own handler at the end of an HTTP/1.1 connection's pipeline. */
    private static final String VERTX_HANDLER = "handler";
    private static final String NAME = "parley-utf8";

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (context.httpRequest().connection() instanceof ConnectionBase connection) {
            ChannelPipeline pipeline = connection.channel().pipeline();
            if (pipeline.get(NAME) == null && pipeline.get(VERTX_HANDLER) != null) {
                pipeline.addBefore(VERTX_HANDLER, NAME, new StrictUtf8());
            }
        }
        return CheckResult.permitUpgrade();
    }

    /**
     * Netty's validator, which closes with 1007 and then raises the violation: here it ends, since the client
     * has been answered and a hostile one should not fill the log.
     */
    static final class StrictUtf8 extends Utf8FrameValidator {

        StrictUtf8() {
            super(true);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) throws Exception {
            if (cause instanceof CorruptedWebSocketFrameException) {
                LOG.debugf("closed %s: %s", context.channel().remoteAddress(), cause.getMessage());
                return;
            }
            super.exceptionCaught(context, cause);
        }
    }
}
