package io.parley.api.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes, encoded as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (base64). New hashes take OWASP's current count for PBKDF2-HMAC-SHA256 (600,000); a stored hash verifies
 * with the count it was made with. To hash a password for {@code parley.users.<name>.password-hash}:
 * {@code java -cp target/quarkus-app/app/parley-*.jar io.parley.api.security.PasswordHasher <password>}.
 */
public final class PasswordHasher {

    public static final int ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";

    /**
     * A hash no password matches (zero salt, zero hash) at this count: checked for a user name nobody has, at the
     * count of the users' own hashes, so that an unknown name costs what a known one does and the time taken does
     * not tell names apart.
     */
    public static String noUser(int iterations) {
        return String.join("$", PREFIX, Integer.toString(iterations), encode(new byte[16]), encode(new byte[32]));
    }

    /** The iteration count of an encoded hash, or the current count for a malformed one. */
    public static int iterations(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
        try {
            return parts.length == 4 ? Integer.parseInt(parts[1]) : ITERATIONS;
        } catch (NumberFormatException e) {
            return ITERATIONS;
        }
    }

    private PasswordHasher() {
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return String.join("$", PREFIX, Integer.toString(ITERATIONS), encode(salt),
                encode(derive(password, salt, ITERATIONS)));
    }

    /** True when the password matches the encoded hash; false for any malformed hash. */
    public static boolean verify(char[] password, String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1 || iterations > 10_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    public static void main(String... args) {
        if (args.length != 1) {
            System.err.println("usage: PasswordHasher <password>");
            return;
        }
        System.out.println(hash(args[0].toCharArray()));
    }
}
