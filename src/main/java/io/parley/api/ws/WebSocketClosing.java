package io.parley.api.ws;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Sets how long a WebSocket the server closed waits for the client's close frame
 * ({@link LimitsConfig#closingTimeout()}) before its TCP connection is closed. A flooder refused for its rate
 * (error frame, then close 1008) that keeps writing costs the server every frame it reads until then. Never 0:
 * closing TCP at once, with the client's frames still unread, resets the connection, and the client may lose the
 * error and close frames sent just before.
 */
@ApplicationScoped
public class WebSocketClosing implements HttpServerOptionsCustomizer {

    private final int seconds;

    public WebSocketClosing(LimitsConfig config) {
        this.seconds = (int) Math.max(1, config.closingTimeout().toSeconds());
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketClosingTimeout(seconds);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setWebSocketClosingTimeout(seconds);
    }
}
