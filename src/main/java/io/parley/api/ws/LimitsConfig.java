package io.parley.api.ws;

import java.time.Duration;

import io.parley.limits.TokenBucket;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one WebSocket connection may do ({@code parley.limits.*}), so that one hostile client costs little. A
 * rate is written {@code "5/s burst 20"}: a connection over it gets an error frame {@code rate-limited} and is
 * closed with 1008. The defaults leave room for people typing, scrolling and talking.
 */
@ConfigMapping(prefix = "parley.limits")
public interface LimitsConfig {

    /** Chat messages per connection. */
    @WithDefault("3/s burst 10")
    TokenBucket.Rate chat();

    /** Typing notices per chat connection (the browser sends one when typing starts and stops). */
    @WithDefault("5/s burst 10")
    TokenBucket.Rate typing();

    /** Read receipts per chat connection. */
    @WithDefault("5/s burst 20")
    TokenBucket.Rate read();

    /** History requests per chat connection (a reply with {@code more} is followed by the next request). */
    @WithDefault("5/s burst 20")
    TokenBucket.Rate history();

    /** Page-push frames per connection: the browser sends scroll at most 10/s and pointer at most 20/s. */
    @WithDefault("40/s burst 80")
    TokenBucket.Rate pagePush();

    /** Binary audio frames per voice connection: 50/s is 20 ms packets. */
    @WithDefault("60/s burst 150")
    TokenBucket.Rate voice();

    /**
     * Every other text frame per connection: leg messages on control, mute and codecs on voice, answers on
     * {@code /ws/endpoint}, and frames that cannot be read at all.
     */
    @WithDefault("10/s burst 30")
    TokenBucket.Rate signals();

    /**
     * Open connections per leg and channel on one replica. Over it, the oldest is closed (1008,
     * {@code too-many-connections}): a page that reloads opens its new connections before the old ones have
     * closed, and must win.
     */
    @WithDefault("3")
    int socketsPerLegChannel();

    /**
     * Open standing channels ({@code /ws/endpoint}, a console each) per agent on one replica. Over it, the oldest
     * is closed (1008, {@code too-many-connections}), as for a leg's channels: a console that reloads must win.
     */
    @WithDefault("3")
    int endpointSocketsPerAgent();

    /**
     * The most a chat {@code history} reply, or a page of the REST transcript, carries (but at least one message);
     * a longer one says {@code more: true}, or links to the next page.
     */
    @WithDefault("256K")
    MemorySize historyBytes();

    /**
     * How long a WebSocket the server has closed waits for the client's close frame before its connection is
     * dropped (whole seconds, at least 1; Vert.x's own default is 10). A client closed for its rate that keeps
     * writing has every frame it sends meanwhile read and thrown away; a well-behaved client answers the close
     * within milliseconds.
     */
    @WithDefault("1s")
    Duration closingTimeout();
}
