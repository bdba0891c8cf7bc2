package io.parley.system;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service system runs sessions ({@code parley.system.*}). */
@ConfigMapping(prefix = "parley.system")
public interface SystemConfig {

    /**
     * The address endpoints reach this service at, for connection details issued without a request to
     * take it from (for example, a CSR invited when the previous one's connection was lost).
     */
    @WithDefault("http://localhost:${quarkus.http.port:8080}/")
    URI publicUrl();

    /**
     * How long a leg whose control channel closed may take to reconnect before it counts as failed
     * (and the service decides what follows, e.g. a routed session ends when its customer is gone).
     */
    @WithDefault("60s")
    Duration reconnectGrace();
}
