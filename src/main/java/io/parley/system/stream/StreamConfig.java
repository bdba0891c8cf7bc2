package io.parley.system.stream;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The live event stream, {@code GET /api/stream}: {@code parley.stream.*}. */
@ConfigMapping(prefix = "parley.stream")
public interface StreamConfig {

    /**
     * How often the event logs are read while someone follows the stream, besides at once when a change is
     * announced here or by another replica: it bounds how late an entry is when an announcement was lost.
     */
    @WithDefault("1s")
    Duration poll();

    /** How often a follower that got nothing is sent a comment, so that proxies keep its connection open. */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * The most entries a follower that resumes ({@code Last-Event-ID}) is sent of what it missed; one that missed
     * more is told {@code reset} (load the figures again) and follows from now.
     */
    @WithDefault("1000")
    int replayLimit();

    /** The most entries one read of the event logs takes; the rest follow in the next read at once. */
    @WithDefault("500")
    int batch();
}
