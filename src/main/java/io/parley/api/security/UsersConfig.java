package io.parley.api.security;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * People who sign in with a password (HTTP Basic): agents and operators, {@code parley.users.<name>}.
 * Replace with OIDC in production by configuring {@code quarkus-oidc}; customers never need an account.
 */
@ConfigMapping(prefix = "parley.users")
public interface UsersConfig {

    @WithParentName
    Map<String, User> users();

    interface User {

        /** {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, as {@link PasswordHasher#hash} writes it. */
        String passwordHash();

        /** {@code agent} (a CSR: the user name is its agent id) and/or {@code operator}. */
        @WithDefault("agent")
        List<String> roles();
    }
}
