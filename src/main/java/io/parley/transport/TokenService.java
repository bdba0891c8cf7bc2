package io.parley.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;

/**
 * Issues and checks Parley's signed tokens: JWTs (RFC 7519) signed with HMAC-SHA256 ({@code HS256} only: an
 * {@code alg} of {@code none} or anything else, or a {@code crit} header, is a forgery). Each token's header names
 * the key that signed it ({@code kid}, see {@link TokenKeys}), so a rotated secret's tokens are still accepted until
 * they expire. Every check answers a {@link Verification} instead of throwing on bad input. A hostile token costs
 * little: its length and alphabet are checked first, then both JSON parts are read within the same nesting, string
 * and number limits as request bodies (at most {@link #MAX_TOKEN_LENGTH} characters in all), then the signature is
 * compared in constant time, and only a token this service signed has its claims, expiry (give or take the clock
 * skew) and kind read. Written here rather than through a JWT library: a token is signed for every leg that joins
 * and checked for every socket that opens, and the library's builder read its configuration and its parser built
 * a claims object (with an exception per claim it did not know) each time.
 */
public class TokenService {

    /** Tokens longer than this are rejected before they are parsed. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    /** How deep a token's JSON may nest: as for request bodies ({@code io.parley.api.JsonLimits}). */
    public static final int MAX_DEPTH = 16;

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_TOKEN_LENGTH).maxNumberLength(32).build())
            .build()).build();
    private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS = new TypeReference<>() {
    };

    private final TokenKeys keys;
    /** Per key id, the token header naming it, base64url-encoded: the same for every token a key signs. */
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final long skewSeconds;
    private final Duration legTtl;
    private final Duration visitorTtl;
    private final Duration endpointTtl;
    private final Duration linkTtl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** The claim that says what a token opens ({@link TokenKind}). */
    private static final String KIND = "typ";

    /** Tokens signed and checked with one secret (no rotation). */
    public TokenService(byte[] secret, Duration legTtl, Duration visitorTtl, Duration endpointTtl, Duration linkTtl,
            Duration skew, Clock clock) {
        this(TokenKeys.of(secret), legTtl, visitorTtl, endpointTtl, linkTtl, skew, clock);
    }

    /**
     * Tokens signed with the current key of {@code keys} and checked with the key each names. {@code clock} dates
     * what is issued; expiry is checked against the system clock, give or take {@code skew}.
     */
    public TokenService(TokenKeys keys, Duration legTtl, Duration visitorTtl, Duration endpointTtl, Duration linkTtl,
            Duration skew, Clock clock) {
        this.keys = keys;
        this.legTtl = legTtl;
        this.visitorTtl = visitorTtl;
        this.endpointTtl = endpointTtl;
        this.linkTtl = linkTtl;
        this.clock = clock;
        this.skewSeconds = skew.toSeconds();
        for (TokenKeys.Key key : keys.all()) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "HS256");
            header.put("typ", "JWT");
            header.put("kid", key.id());
            headers.put(key.id(), base64(json(header)));
        }
    }

    public IssuedToken issueLeg(String sessionId, String legId, EndpointRef endpoint, Set<Channel> channels) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sid", sessionId);
        claims.put("lid", legId);
        claims.put("ch", channels.stream().map(Channel::wire).sorted().toList());
        return issue(TokenKind.LEG, endpoint, legTtl, claims);
    }

    public IssuedToken issueVisitor(EndpointRef customer) {
        return issue(TokenKind.VISITOR, customer, visitorTtl, Map.of());
    }

    public IssuedToken issueEndpoint(EndpointRef endpoint) {
        return issue(TokenKind.ENDPOINT, endpoint, endpointTtl, Map.of());
    }

    /**
     * An agent console's REST credential, in place of the password it signed in with: it acts as that agent
     * alone, for {@code ttl} (the caller's configuration says how long).
     */
    public IssuedToken issueConsole(EndpointRef agent, Duration ttl) {
        if (!agent.isCsr()) {
            throw new IllegalArgumentException("console tokens are for agents, not " + agent);
        }
        return issue(TokenKind.CONSOLE, agent, ttl, Map.of());
    }

    /** A join link's token: the join page of this customer's leg of this session. */
    public IssuedToken issueLink(String sessionId, String legId, EndpointRef customer) {
        if (!customer.isCustomer()) {
            throw new IllegalArgumentException("join links are for customers, not " + customer);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sid", sessionId);
        claims.put("lid", legId);
        return issue(TokenKind.LINK, customer, linkTtl, claims);
    }

    /**
     * What a browser keeps (as a cookie) once it has opened the join link of {@code legId}: the mark that it,
     * and no other browser, opened it first. Only this service can make it.
     */
    public String linkBinding(String legId) {
        return linkBinding(keys.current(), legId);
    }

    /**
     * Whether {@code presented} is the mark of a browser that opened the join link of {@code legId} first (made
     * with the current key or, during a rotation, the previous one), compared in constant time.
     */
    public boolean isLinkBinding(String legId, String presented) {
        return presented != null && keys.all().stream().anyMatch(key -> MessageDigest.isEqual(linkBinding(key, legId)
                .getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String linkBinding(TokenKeys.Key key, String legId) {
        return base64(key.mac("link-binding." + legId));
    }

    public Verification<LinkGrant> verifyLink(String token) {
        return verify(token, TokenKind.LINK, claims -> new LinkGrant(text(claims, "sid"), text(claims, "lid"),
                endpoint(claims), expiry(claims)));
    }

    public Verification<LegGrant> verifyLeg(String token) {
        return verify(token, TokenKind.LEG, claims -> {
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            for (Object channel : (Collection<?>) claims.get("ch")) {
                channels.add(Channel.fromWire((String) channel));
            }
            return new LegGrant(text(claims, "sid"), text(claims, "lid"), endpoint(claims), channels,
                    expiry(claims));
        });
    }

    /** Checks a visitor, endpoint or console token (whichever {@code kind} names). */
    public Verification<EndpointGrant> verifyEndpoint(String token, TokenKind kind) {
        return verify(token, kind, claims -> new EndpointGrant(kind, endpoint(claims), text(claims, "jti"),
                Instant.ofEpochSecond(seconds(claims.get("iat")).orElseThrow()), expiry(claims)));
    }

    /** The kind a token claims to be, without trusting it (to pick which check to run). */
    public static String claimedKind(String token) {
        String[] parts = parts(token);
        if (parts == null) {
            return "unknown";
        }
        try {
            Map<String, Object> claims = JSON.readValue(DECODER.decode(parts[1]), CLAIMS);
            return claims == null ? "unknown" : String.valueOf(claims.get(KIND));
        } catch (IllegalArgumentException | IOException e) {
            return "unknown";
        }
    }

    /**
     * The three parts of what may be a token, or null: at most {@link #MAX_TOKEN_LENGTH} characters of the
     * base64url alphabet and two dots. Nothing is decoded yet.
     */
    private static String[] parts(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
                    || c == '_')) {
                return null;
            }
        }
        return dots == 2 ? token.split("\\.", -1) : null;
    }

    private IssuedToken issue(TokenKind kind, EndpointRef endpoint, Duration ttl, Map<String, Object> extra) {
        Instant now = clock.instant();
        Instant expires = Instant.ofEpochSecond(now.plus(ttl).getEpochSecond());
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String jti = base64(bytes);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(KIND, kind.wire());
        claims.put("sub", endpoint.toString());
        claims.putAll(extra);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("jti", jti);
        TokenKeys.Key key = keys.current();
        String signed = headers.get(key.id()) + "." + base64(json(claims));
        String token = signed + "." + base64(key.mac(signed));
        return new IssuedToken(token, jti, Instant.ofEpochSecond(now.getEpochSecond()), expires);
    }

    /**
     * A token of {@code kind} signed by one of our keys and not expired, read into a grant; or why not. Junk
     * (wrong alphabet, too long, JSON too deep or not JSON) is refused before any signature is computed, and
     * nothing but the header is trusted before the signature matches.
     */
    private <G> Verification<G> verify(String token, TokenKind kind, Function<Map<String, Object>, G> grant) {
        String[] parts = parts(token);
        if (parts == null) {
            return new Verification.Rejected<>("token-malformed",
                    "a token is 1 to " + MAX_TOKEN_LENGTH + " base64url characters in three dot-separated parts");
        }
        Map<String, Object> header;
        Map<String, Object> claims;
        byte[] signature;
        try {
            header = JSON.readValue(DECODER.decode(parts[0]), CLAIMS);
            claims = JSON.readValue(DECODER.decode(parts[1]), CLAIMS);
            signature = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException | IOException e) {
            return new Verification.Rejected<>("token-malformed", "a token part is not base64url JSON within limits");
        }
        if (header == null || claims == null) {
            return new Verification.Rejected<>("token-malformed", "a token part is not a JSON object");
        }
        if (!"HS256".equals(header.get("alg")) || header.containsKey("crit")) {
            return new Verification.Rejected<>("token-forged", "only HS256 tokens are accepted");
        }
        Optional<TokenKeys.Key> key = header.get("kid") == null || header.get("kid") instanceof String
                ? keys.named((String) header.get("kid")) : Optional.empty();
        if (key.isEmpty()) {
            return new Verification.Rejected<>("token-forged", "the token names a key this service does not have");
        }
        if (!MessageDigest.isEqual(key.get().mac(parts[0] + "." + parts[1]), signature)) {
            return new Verification.Rejected<>("token-forged", "the signature does not match");
        }
        OptionalLong expires = seconds(claims.get("exp"));
        OptionalLong issued = seconds(claims.get("iat"));
        if (expires.isEmpty() || issued.isEmpty() || !(claims.get("sub") instanceof String)
                || !(claims.get("jti") instanceof String) || !(claims.get(KIND) instanceof String)) {
            return new Verification.Rejected<>("token-malformed", "the token's claims are incomplete");
        }
        long now = Instant.now().getEpochSecond();
        if (now >= expires.getAsLong() + skewSeconds) {
            return new Verification.Rejected<>("token-expired", "the token has expired");
        }
        if (claims.containsKey("nbf") && seconds(claims.get("nbf")).orElse(Long.MAX_VALUE) > now + skewSeconds) {
            return new Verification.Rejected<>("token-malformed", "the token is not valid yet");
        }
        if (!kind.wire().equals(claims.get(KIND))) {
            return new Verification.Rejected<>("token-wrong-type", "expected a " + kind.wire() + " token");
        }
        try {
            return new Verification.Verified<>(grant.apply(claims));
        } catch (RuntimeException e) {
            return new Verification.Rejected<>("token-malformed", "the " + kind.wire() + " claims are incomplete");
        }
    }

    /** A NumericDate claim: whole seconds since the epoch, as JSON writes an integer; empty when it is not one. */
    private static OptionalLong seconds(Object value) {
        return value instanceof Integer || value instanceof Long ? OptionalLong.of(((Number) value).longValue())
                : OptionalLong.empty();
    }

    /** A claim that must be a string. */
    private static String text(Map<String, Object> claims, String claim) {
        if (claims.get(claim) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("not a string: " + claim);
    }

    private static EndpointRef endpoint(Map<String, Object> claims) {
        return EndpointRef.parse(text(claims, "sub"));
    }

    private static Instant expiry(Map<String, Object> claims) {
        return Instant.ofEpochSecond(seconds(claims.get("exp")).orElseThrow());
    }

    private static byte[] json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
