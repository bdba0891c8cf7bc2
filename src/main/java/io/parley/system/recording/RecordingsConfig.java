package io.parley.system.recording;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where voice recordings go: {@code parley.recordings.*}. Which services record is in each service's definition. */
@ConfigMapping(prefix = "parley.recordings")
public interface RecordingsConfig {

    /**
     * The directory recordings are written to, one sub-directory per session; relative paths start at the
     * working directory. In Kubernetes, a mounted volume (shared by the replicas when more than one runs).
     */
    @WithDefault(".parley/recordings")
    String directory();
}
