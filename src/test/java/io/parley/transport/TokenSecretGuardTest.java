package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The start-up check is wired to the configured secret and the active profiles: the tests' secret is published
 * (in this repository), and the test profile lets it through; under another profile it would stop start-up
 * ({@link TokenSecretCheckTest}).
 */
@QuarkusTest
class TokenSecretGuardTest {

    @Inject
    TokenSecretGuard guard;

    @Inject
    TokensConfig config;

    @Test
    void theTestProfileLetsThePublishedTestSecretThroughAndProductionWouldNot() {
        assertThat(ConfigUtils.getProfiles()).contains("test");
        assertThat(TokenSecretCheck.problem(config.secret().orElseThrow())).isPresent();
        guard.onStart(null);
    }
}
