package io.parley.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;

/**
 * Issues and checks Parley's signed tokens: compact JWTs signed with HMAC-SHA256. Only {@code HS256} is
 * accepted (an {@code alg} of {@code none} or anything else is a forgery), signatures are compared in
 * constant time, and every check answers a {@link Verification} instead of throwing on bad input. A hostile
 * token costs little: its length and alphabet are checked first, its signature next (over at most
 * {@link #MAX_TOKEN_LENGTH} characters), and only a token this service signed is parsed as JSON, within the
 * same nesting, string and number limits as request bodies.
 */
public class TokenService {

    /** Tokens longer than this are rejected before they are parsed. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    /** How deep a token's JSON may nest: as for request bodies ({@code io.parley.api.JsonLimits}). */
    public static final int MAX_DEPTH = 16;

    private static final String HEADER = base64(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_TOKEN_LENGTH).maxNumberLength(32).build())
            .build()).build();
    private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS = new TypeReference<>() {
    };

    private final SecretKeySpec key;
    private final Duration legTtl;
    private final Duration visitorTtl;
    private final Duration endpointTtl;
    private final Duration linkTtl;
    private final Duration skew;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(byte[] secret, Duration legTtl, Duration visitorTtl, Duration endpointTtl, Duration linkTtl,
            Duration skew, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the token secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.legTtl = legTtl;
        this.visitorTtl = visitorTtl;
        this.endpointTtl = endpointTtl;
        this.linkTtl = linkTtl;
        this.skew = skew;
        this.clock = clock;
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
        return base64(sign("link-binding." + legId));
    }

    /** Whether {@code presented} is the mark of a browser that opened the join link of {@code legId} first. */
    public boolean isLinkBinding(String legId, String presented) {
        return presented != null && MessageDigest.isEqual(linkBinding(legId).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    public Verification<LinkGrant> verifyLink(String token) {
        return switch (verify(token, TokenKind.LINK)) {
            case Verification.Rejected<Map<String, Object>> rejected -> rejected(rejected);
            case Verification.Verified<Map<String, Object>> verified -> {
                Map<String, Object> claims = verified.grant();
                try {
                    yield new Verification.Verified<>(new LinkGrant((String) require(claims, "sid"),
                            (String) require(claims, "lid"), endpoint(claims), expiry(claims)));
                } catch (RuntimeException e) {
                    yield new Verification.Rejected<>("token-malformed", "link claims are incomplete");
                }
            }
        };
    }

    public Verification<LegGrant> verifyLeg(String token) {
        return switch (verify(token, TokenKind.LEG)) {
            case Verification.Rejected<Map<String, Object>> rejected -> rejected(rejected);
            case Verification.Verified<Map<String, Object>> verified -> {
                Map<String, Object> claims = verified.grant();
                try {
                    Set<Channel> channels = EnumSet.noneOf(Channel.class);
                    for (Object channel : (List<?>) claims.get("ch")) {
                        channels.add(Channel.fromWire((String) channel));
                    }
                    yield new Verification.Verified<>(new LegGrant((String) require(claims, "sid"),
                            (String) require(claims, "lid"), endpoint(claims), channels, expiry(claims)));
                } catch (RuntimeException e) {
                    yield new Verification.Rejected<>("token-malformed", "leg claims are incomplete");
                }
            }
        };
    }

    /** Checks a visitor, endpoint or console token (whichever {@code kind} names). */
    public Verification<EndpointGrant> verifyEndpoint(String token, TokenKind kind) {
        return switch (verify(token, kind)) {
            case Verification.Rejected<Map<String, Object>> rejected -> rejected(rejected);
            case Verification.Verified<Map<String, Object>> verified -> {
                try {
                    yield new Verification.Verified<>(new EndpointGrant(kind, endpoint(verified.grant()),
                            (String) require(verified.grant(), "jti"), Instant.ofEpochSecond(((Number) require(
                                    verified.grant(), "iat")).longValue()),
                            expiry(verified.grant())));
                } catch (RuntimeException e) {
                    yield new Verification.Rejected<>("token-malformed", "claims are incomplete");
                }
            }
        };
    }

    /** The kind a token claims to be, without trusting it (to pick which check to run). */
    public static String claimedKind(String token) {
        String[] parts = parts(token);
        if (parts == null) {
            return "unknown";
        }
        try {
            Map<String, Object> claims = JSON.readValue(DECODER.decode(parts[1]), CLAIMS);
            return claims == null ? "unknown" : String.valueOf(claims.get("typ"));
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
        Instant expires = now.plus(ttl);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("typ", kind.wire());
        claims.put("sub", endpoint.toString());
        claims.putAll(extra);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        byte[] jti = new byte[12];
        random.nextBytes(jti);
        claims.put("jti", base64(jti));
        String payload;
        try {
            payload = base64(JSON.writeValueAsBytes(claims));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write token claims", e);
        }
        String signingInput = HEADER + "." + payload;
        return new IssuedToken(signingInput + "." + base64(sign(signingInput)), Instant.ofEpochSecond(expires
                .getEpochSecond()));
    }

    private Verification<Map<String, Object>> verify(String token, TokenKind kind) {
        String[] parts = parts(token);
        if (parts == null) {
            return new Verification.Rejected<>("token-malformed",
                    "a token is 1 to " + MAX_TOKEN_LENGTH + " base64url characters in three dot-separated parts");
        }
        byte[] signature;
        try {
            signature = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return new Verification.Rejected<>("token-malformed", "the signature is not base64url");
        }
        // Signed by this service, or not read any further: no JSON of a stranger's is parsed.
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            return new Verification.Rejected<>("token-forged", "the signature does not match");
        }
        Map<String, Object> header;
        Map<String, Object> claims;
        try {
            header = JSON.readValue(DECODER.decode(parts[0]), CLAIMS);
            claims = JSON.readValue(DECODER.decode(parts[1]), CLAIMS);
        } catch (IllegalArgumentException | IOException e) {
            return new Verification.Rejected<>("token-malformed", "a token part is not base64url JSON");
        }
        if (header == null || claims == null || !"HS256".equals(header.get("alg"))) {
            return new Verification.Rejected<>("token-forged", "only HS256 tokens are accepted");
        }
        if (!(claims.get("exp") instanceof Number exp)
                || clock.instant().minus(skew).isAfter(Instant.ofEpochSecond(exp.longValue()))) {
            return new Verification.Rejected<>("token-expired", "the token has expired");
        }
        if (!kind.wire().equals(claims.get("typ"))) {
            return new Verification.Rejected<>("token-wrong-type", "expected a " + kind.wire() + " token");
        }
        return new Verification.Verified<>(claims);
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static <G> Verification<G> rejected(Verification.Rejected<?> rejected) {
        return new Verification.Rejected<>(rejected.code(), rejected.detail());
    }

    private static Object require(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing claim " + name);
        }
        return value;
    }

    private static EndpointRef endpoint(Map<String, Object> claims) {
        return EndpointRef.parse((String) require(claims, "sub"));
    }

    private static Instant expiry(Map<String, Object> claims) {
        return Instant.ofEpochSecond(((Number) require(claims, "exp")).longValue());
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
