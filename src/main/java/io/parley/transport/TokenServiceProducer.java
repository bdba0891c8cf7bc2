package io.parley.transport;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

/** Makes the one {@link TokenService} from {@link TokensConfig}. */
@ApplicationScoped
public class TokenServiceProducer {

    private static final Logger LOG = Logger.getLogger(TokenServiceProducer.class);

    @Produces
    @ApplicationScoped
    TokenService tokenService(TokensConfig config, Clock clock) {
        byte[] secret;
        if (config.secret().isPresent()) {
            secret = config.secret().get().getBytes(StandardCharsets.UTF_8);
        } else {
            secret = new byte[TokenKeys.MIN_BYTES];
            new SecureRandom().nextBytes(secret);
            LOG.warn("parley.tokens.secret is not set: using a random secret; tokens will not survive a restart "
                    + "or work across replicas");
        }
        TokenKeys keys;
        try {
            keys = TokenKeys.of(secret, config.previousSecret().map(previous -> previous.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new TokenService(keys, config.legTtl(), config.visitorTtl(), config.endpointTtl(), config.linkTtl(),
                config.clockSkew(), clock);
    }
}
