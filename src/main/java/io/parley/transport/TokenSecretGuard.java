package io.parley.transport;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Stops start-up, first thing, when {@code parley.tokens.secret} (or the previous secret) is short, poor or published
 * ({@link TokenSecretCheck}), outside the demo, dev and test profiles.
 */
@ApplicationScoped
public class TokenSecretGuard {

    private final TokensConfig config;

    public TokenSecretGuard(TokensConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        TokenSecretCheck.require(config.secret(), ConfigUtils.getProfiles());
        TokenSecretCheck.require("parley.tokens.previous-secret", config.previousSecret(), ConfigUtils.getProfiles());
    }
}
