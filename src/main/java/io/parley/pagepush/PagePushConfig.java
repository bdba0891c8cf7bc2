package io.parley.pagepush;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Follow-me page push across services ({@code parley.page-push.*}); allowed origins are per service. */
@ConfigMapping(prefix = "parley.page-push")
public interface PagePushConfig {

    /**
     * How long a leader whose page push closed keeps the lead: its page is usually just changing (a customer
     * who leads moves through the site), and the next page has this long to connect and carry on leading
     * without the others being told that nobody leads in between.
     */
    @WithDefault("3s")
    Duration leadGrace();
}
