package io.parley.transport;

import java.io.IOException;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Issues and checks Parley's signed tokens: JWTs signed with HMAC-SHA256 by SmallRye JWT's builder and checked by
 * its parser ({@code HS256} only: an {@code alg} of {@code none} or anything else is a forgery). Each token's
 * header names the key that signed it ({@code kid}, see {@link TokenKeys}), so a rotated secret's tokens are still
 * accepted until they expire. Every check answers a {@link Verification} instead of throwing on bad input. A
 * hostile token costs little: its length and alphabet are checked first, then both JSON parts are read within
 * the same nesting, string and number limits as request bodies (at most {@link #MAX_TOKEN_LENGTH} characters in
 * all), and only then does the library check the signature, the algorithm and the expiry (with the clock skew).
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
    private final JWTParser parser;
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
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        context.setExpGracePeriodSecs(Math.toIntExact(skew.toSeconds()));
        context.setRequiredClaims(Set.of(Claims.sub.name(), Claims.jti.name(), Claims.iat.name(), Claims.exp.name(),
                KIND));
        this.parser = new DefaultJWTParser(context, new ClaimsPrincipalFactory());
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
        return verify(token, TokenKind.LINK, jwt -> new LinkGrant(text(jwt, "sid"), text(jwt, "lid"), endpoint(jwt),
                expiry(jwt)));
    }

    public Verification<LegGrant> verifyLeg(String token) {
        return verify(token, TokenKind.LEG, jwt -> {
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            for (Object channel : (Collection<?>) jwt.getClaim("ch")) {
                channels.add(Channel.fromWire(text(channel)));
            }
            return new LegGrant(text(jwt, "sid"), text(jwt, "lid"), endpoint(jwt), channels, expiry(jwt));
        });
    }

    /** Checks a visitor, endpoint or console token (whichever {@code kind} names). */
    public Verification<EndpointGrant> verifyEndpoint(String token, TokenKind kind) {
        return verify(token, kind, jwt -> new EndpointGrant(kind, endpoint(jwt), Objects.requireNonNull(
                jwt.getTokenID()), Instant.ofEpochSecond(jwt.getIssuedAtTime()), expiry(jwt)));
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
        JwtClaimsBuilder claims = Jwt.claim(KIND, kind.wire()).subject(endpoint.toString());
        extra.forEach(claims::claim);
        TokenKeys.Key key = keys.current();
        String token = claims.issuedAt(now.getEpochSecond()).expiresAt(expires.getEpochSecond())
                .claim(Claims.jti, jti).jws().algorithm(SignatureAlgorithm.HS256).keyId(key.id())
                .sign(key.secret());
        return new IssuedToken(token, jti, Instant.ofEpochSecond(now.getEpochSecond()), expires);
    }

    /**
     * A token of {@code kind} signed by one of our keys and not expired, read into a grant; or why not. Junk
     * (wrong alphabet, too long, JSON too deep or not JSON) never reaches the library.
     */
    private <G> Verification<G> verify(String token, TokenKind kind, Function<JsonWebToken, G> grant) {
        String[] parts = parts(token);
        if (parts == null) {
            return new Verification.Rejected<>("token-malformed",
                    "a token is 1 to " + MAX_TOKEN_LENGTH + " base64url characters in three dot-separated parts");
        }
        Map<String, Object> header;
        try {
            header = JSON.readValue(DECODER.decode(parts[0]), CLAIMS);
            JSON.readValue(DECODER.decode(parts[1]), CLAIMS);
        } catch (IllegalArgumentException | IOException e) {
            return new Verification.Rejected<>("token-malformed", "a token part is not base64url JSON within limits");
        }
        Optional<TokenKeys.Key> key = header != null && (header.get("kid") == null || header.get(
                "kid") instanceof String) ? keys.named((String) header.get("kid")) : Optional.empty();
        if (key.isEmpty()) {
            return new Verification.Rejected<>("token-forged", "the token names a key this service does not have");
        }
        JsonWebToken jwt;
        try {
            jwt = parser.verify(token, key.get().secret());
        } catch (ParseException e) {
            return refusal(e);
        } catch (RuntimeException e) {
            return new Verification.Rejected<>("token-malformed", "the token cannot be read");
        }
        if (!kind.wire().equals(text(jwt.getClaim(KIND)))) {
            return new Verification.Rejected<>("token-wrong-type", "expected a " + kind.wire() + " token");
        }
        try {
            return new Verification.Verified<>(grant.apply(jwt));
        } catch (RuntimeException e) {
            return new Verification.Rejected<>("token-malformed", "the " + kind.wire() + " claims are incomplete");
        }
    }

    /** Why the library refused a token, as one of our codes. */
    private static <G> Verification<G> refusal(ParseException refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                if (invalid.hasExpired()) {
                    return new Verification.Rejected<>("token-expired", "the token has expired");
                }
                if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(
                        ErrorCodes.SIGNATURE_MISSING)) {
                    return new Verification.Rejected<>("token-forged", "the signature does not match");
                }
            }
            if (cause instanceof InvalidAlgorithmException || cause instanceof UnresolvableKeyException) {
                return new Verification.Rejected<>("token-forged", "only HS256 tokens are accepted");
            }
        }
        return new Verification.Rejected<>("token-malformed", "the token's claims are incomplete");
    }

    /** A claim's text, whether the library hands it over as a string or as a JSON string. */
    private static String text(Object value) {
        return switch (value) {
            case String text -> text;
            case JsonString json -> json.getString();
            case null, default -> throw new IllegalArgumentException("not a string: " + value);
        };
    }

    private static String text(JsonWebToken jwt, String claim) {
        return text(jwt.getClaim(claim));
    }

    private static EndpointRef endpoint(JsonWebToken jwt) {
        return EndpointRef.parse(jwt.getSubject());
    }

    private static Instant expiry(JsonWebToken jwt) {
        return Instant.ofEpochSecond(jwt.getExpirationTime());
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
