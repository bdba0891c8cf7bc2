package io.parley.api.security;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The one spelling of a request path: percent-escapes decoded, empty and {@code .} segments dropped,
 * {@code ..} segments resolved. A path that differs from its canonical form reaches a route under a name
 * a path check would not recognise, so checks refuse it rather than guess.
 */
final class CanonicalPath {

    private CanonicalPath() {
    }

    /** True when {@code raw} is already in canonical form (and decodes at all). */
    static boolean isCanonical(String raw) {
        return raw != null && canonical(raw).map(raw::equals).orElse(false);
    }

    /** The canonical form, or empty when the path has a broken escape or is not UTF-8 once decoded. */
    static Optional<String> canonical(String raw) {
        if (raw == null || !raw.startsWith("/")) {
            return Optional.empty();
        }
        Optional<String> decoded = decode(raw);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.get().split("/", -1)) {
            switch (segment) {
                case "", "." -> {
                }
                case ".." -> segments.pollLast();
                default -> segments.addLast(segment);
            }
        }
        String joined = "/" + String.join("/", segments);
        boolean trailingSlash = decoded.get().endsWith("/") && !segments.isEmpty();
        return Optional.of(trailingSlash ? joined + "/" : joined);
    }

    private static Optional<String> decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                bytes.write(in[i]);
                continue;
            }
            int high = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int low = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
