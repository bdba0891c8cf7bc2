package io.parley.transport;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a token secret may sign tokens outside the demo, dev and test profiles: at least
 * {@value #MIN_BYTES} bytes, not a phrase repeated or a handful of characters (at least {@value #MIN_BITS}
 * bits by its characters' frequencies), and none of the values Parley ships (in {@code k8s/}, the tests, the
 * documentation) or a placeholder's words. Anybody who read the repository could sign tokens with those. Pure.
 */
public final class TokenSecretCheck {

    public static final int MIN_BYTES = TokenKeys.MIN_BYTES;
    public static final int MIN_BITS = 96;
    /** Profiles that run on a developer's machine or in the build, where the shipped values are fine. */
    public static final Set<String> EXEMPT_PROFILES = Set.of("demo", "dev", "test");
    /** How to make a good one, for the refusal's message. */
    public static final String ADVICE = "make one with `openssl rand -hex 32` and set it as PARLEY_TOKENS_SECRET "
            + "(the same on every replica)";

    /** Values published with Parley: the Kubernetes base's placeholder, the tests' and the demo's secrets. */
    static final List<String> SHIPPED = List.of("change-me-change-me-change-me-change-me-0123",
            "test-secret-test-secret-test-secret-0123456789",
            "previous-test-secret-previous-test-secret-0123", "crash-test-secret-crash-test-secret-0123456789",
            "0123456789abcdef0123456789abcdef");
    private static final List<String> PLACEHOLDER_WORDS = List.of("change-me", "changeme", "change_me", "replace-me",
            "replaceme", "placeholder", "your-secret", "example");
    private static final int REPEAT = 8;

    private TokenSecretCheck() {
    }

    /** Why {@code secret} must not sign tokens, or empty when it may. */
    public static Optional<String> problem(String secret) {
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            return Optional.of("it is " + bytes + " bytes, fewer than " + MIN_BYTES);
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        if (SHIPPED.contains(secret) || PLACEHOLDER_WORDS.stream().anyMatch(lower::contains)) {
            return Optional.of("it is a value published with Parley or a placeholder");
        }
        Optional<String> repeated = repeated(secret);
        if (repeated.isPresent()) {
            return Optional.of("it repeats '" + repeated.get() + "'");
        }
        double bits = estimatedBits(secret);
        if (bits < MIN_BITS) {
            return Optional.of("its characters carry about " + Math.round(bits) + " bits, fewer than " + MIN_BITS);
        }
        return Optional.empty();
    }

    /** Whether the check holds under these active profiles (none of them the demo, dev or test profile). */
    public static boolean applies(Collection<String> profiles) {
        return profiles.stream().noneMatch(EXEMPT_PROFILES::contains);
    }

    /**
     * What start-up does: refuses (with the reason and what to do) a configured secret that may not sign tokens,
     * unless a profile is exempt. No secret at all is the producer's matter (a random one, with a warning).
     */
    public static void require(Optional<String> secret, Collection<String> profiles) {
        require("parley.tokens.secret", secret, profiles);
    }

    /** As {@link #require(Optional, Collection)} for the secret of the setting {@code name}. */
    public static void require(String name, Optional<String> secret, Collection<String> profiles) {
        if (secret.isEmpty() || !applies(profiles)) {
            return;
        }
        problem(secret.get()).ifPresent(problem -> {
            throw new IllegalStateException(name + " is refused: " + problem + "; " + ADVICE);
        });
    }

    /** Its length times the Shannon entropy of its characters' frequencies: a generous upper bound. */
    static double estimatedBits(String secret) {
        Map<Integer, Integer> counts = new HashMap<>();
        secret.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int length = secret.codePointCount(0, secret.length());
        double perCharacter = 0;
        for (int count : counts.values()) {
            double p = (double) count / length;
            perCharacter -= p * Math.log(p) / Math.log(2);
        }
        return perCharacter * length;
    }

    /** A piece of {@value #REPEAT} characters that occurs twice (random secrets practically never have one). */
    private static Optional<String> repeated(String secret) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i + REPEAT <= secret.length(); i++) {
            String piece = secret.substring(i, i + REPEAT);
            if (!seen.add(piece)) {
                return Optional.of(piece);
            }
        }
        return Optional.empty();
    }
}
