package io.parley.system;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the queues run: {@code parley.routing.*}. What each service routes by is in its own definition. */
@ConfigMapping(prefix = "parley.routing")
public interface RoutingConfig {

    /**
     * How often deadlines are checked (offer and queue time-outs, after-session times, escalations) and
     * waiting sessions are routed again. Changes route at once; this only bounds how late a deadline acts.
     */
    @WithDefault("1s")
    Duration tick();

    /**
     * How long an invited CSR (or one that accepted an offer) has to connect its leg; then the leg fails
     * and the customer is offered to someone else.
     */
    @WithDefault("30s")
    Duration joinTimeout();

    /** Offers an agent may let time out in a row before it is set away. */
    @WithDefault("3")
    int maxNoAnswer();

    /** The rolling window of a service's figures ({@code /api/services/{id}/stats}). */
    @WithDefault("15m")
    Duration window();

    /**
     * How old the figures behind the service level and abandon rate metrics ({@code parley_service_level},
     * {@code parley_queue_abandon_rate}) may be: a scrape shows them as last read and, when they are older, has them
     * read again for the next scrape. Nothing is read while nobody scrapes.
     */
    @WithDefault("15s")
    Duration figuresRefresh();

    /** The handling time wait estimates assume until a service has handled sessions in the window. */
    @WithDefault("3m")
    Duration defaultHandlingTime();
}
