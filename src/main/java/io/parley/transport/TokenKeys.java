package io.parley.transport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets Parley's tokens are signed with: the <em>current</em> one signs every new token, and after a
 * rotation the <em>previous</em> one still checks the tokens it signed until they expire. Each key has an id
 * derived from the secret itself (a keyed hash, which tells nothing about the secret), written as {@code kid} in
 * every token's header, so every replica configured with the same secrets agrees on the ids without anybody
 * naming them, and a token names the one key that may check it.
 */
public final class TokenKeys {

    /** One secret and the id tokens signed with it carry. */
    public record Key(String id, SecretKey secret) {

        byte[] mac(String input) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    /** HS256 needs a key at least as long as its hash: 256 bits. */
    public static final int MIN_BYTES = 32;

    private final Key current;
    private final Optional<Key> previous;

    private TokenKeys(Key current, Optional<Key> previous) {
        this.current = current;
        this.previous = previous;
    }

    /** Keys with one secret and nothing from before a rotation. */
    public static TokenKeys of(byte[] current) {
        return of(current, Optional.empty());
    }

    /**
     * Keys that sign with {@code current} and still check {@code previous} (the secret before a rotation).
     *
     * @throws IllegalArgumentException when a secret is shorter than {@value #MIN_BYTES} bytes or both are the same
     */
    public static TokenKeys of(byte[] current, Optional<byte[]> previous) {
        Key signing = key("parley.tokens.secret", current);
        Optional<Key> checking = previous.map(secret -> key("parley.tokens.previous-secret", secret));
        if (checking.isPresent() && checking.get().id().equals(signing.id())) {
            throw new IllegalArgumentException("parley.tokens.previous-secret is the current secret: remove it");
        }
        return new TokenKeys(signing, checking);
    }

    private static Key key(String name, byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException(name + ": at least " + MIN_BYTES + " bytes, got " + secret.length);
        }
        SecretKey key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        byte[] id = new Key("", key).mac("parley token key id");
        return new Key(Base64.getUrlEncoder().withoutPadding().encodeToString(id).substring(0, 16), key);
    }

    /** The key that signs new tokens. */
    public Key current() {
        return current;
    }

    /**
     * The key that checks a token whose header names {@code id}: the current or the previous one. A token without a
     * key id (made before tokens carried one) is checked with the current key; an id of neither key finds none.
     */
    public Optional<Key> named(String id) {
        if (id == null || id.equals(current.id())) {
            return Optional.of(current);
        }
        return previous.filter(key -> key.id().equals(id));
    }

    /** Every key that still checks something: the current one first. */
    public List<Key> all() {
        return Stream.concat(Stream.of(current), previous.stream()).toList();
    }
}
