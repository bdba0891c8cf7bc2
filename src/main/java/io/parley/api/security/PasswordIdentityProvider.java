package io.parley.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * Checks HTTP Basic credentials against {@link UsersConfig}. PBKDF2 is slow on purpose, so it runs off
 * the event loop, and a successful check is remembered for a few minutes (keyed by a SHA-256 of name
 * and password, never the password itself) so that a console's polling does not pay it every time.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Duration REMEMBER = Duration.ofMinutes(5);

    private final UsersConfig users;
    private final Clock clock;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    public PasswordIdentityProvider(UsersConfig users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String name = request.getUsername();
        char[] password = request.getPassword().getPassword();
        UsersConfig.User user = users.users().get(name);
        if (user == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown user"));
        }
        String remembered = fingerprint(name, password);
        Instant until = verified.get(remembered);
        if (until != null && clock.instant().isBefore(until)) {
            return Uni.createFrom().item(identity(name, user));
        }
        return context.runBlocking(() -> {
            if (!PasswordHasher.verify(password, user.passwordHash())) {
                throw new AuthenticationFailedException("wrong password");
            }
            verified.put(remembered, clock.instant().plus(REMEMBER));
            return identity(name, user);
        });
    }

    private static SecurityIdentity identity(String name, UsersConfig.User user) {
        Set<String> roles = new HashSet<>(user.roles());
        Set<String> all = Identities.implied(roles);
        return Identities.of(name, Identities.endpointFor(name, all), all);
    }

    private static String fingerprint(String name, char[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
