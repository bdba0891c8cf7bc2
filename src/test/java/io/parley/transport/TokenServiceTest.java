package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.parley.session.Channel;
import io.parley.session.EndpointRef;

class TokenServiceTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    /** Issues at the time a test sets; expiry is checked by the library against the system clock. */
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final TokenService tokens = new TokenService(SECRET, Duration.ofMinutes(10), Duration.ofHours(24),
            Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(30), clock);
    private static final EndpointRef ANN = EndpointRef.customer("v-1");

    private String leg() {
        return tokens.issueLeg("s-1", "l-1", ANN, EnumSet.of(Channel.CONTROL, Channel.CHAT)).token();
    }

    private static String code(Verification<?> verification) {
        return verification instanceof Verification.Rejected<?> rejected ? rejected.code() : "verified";
    }

    @Test
    void aLegTokenGrantsItsSessionLegAndChannels() {
        LegGrant grant = tokens.verifyLeg(leg()).granted().orElseThrow();
        assertThat(grant.sessionId()).isEqualTo("s-1");
        assertThat(grant.legId()).isEqualTo("l-1");
        assertThat(grant.endpoint()).isEqualTo(ANN);
        assertThat(grant.channels()).containsExactlyInAnyOrder(Channel.CONTROL, Channel.CHAT);
        assertThat(grant.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void visitorAndEndpointTokensGrantTheirEndpoint() {
        assertThat(tokens.verifyEndpoint(tokens.issueVisitor(ANN).token(), TokenKind.VISITOR).granted()
                .orElseThrow().endpoint()).isEqualTo(ANN);
        EndpointRef alice = EndpointRef.csr("alice");
        assertThat(tokens.verifyEndpoint(tokens.issueEndpoint(alice).token(), TokenKind.ENDPOINT).granted()
                .orElseThrow().endpoint()).isEqualTo(alice);
    }

    @Test
    void anIssuedTokenSaysWhatItsGrantWillSay() {
        IssuedToken issued = tokens.issueEndpoint(EndpointRef.csr("alice"));
        EndpointGrant grant = tokens.verifyEndpoint(issued.token(), TokenKind.ENDPOINT).granted().orElseThrow();
        assertThat(grant.id()).isEqualTo(issued.id());
        assertThat(grant.issuedAt()).isEqualTo(issued.issuedAt());
        assertThat(grant.expiresAt()).isEqualTo(issued.expiresAt());
    }

    @Test
    void aConsoleTokenIsForAnAgentAndNoOtherKindStandsInForIt() {
        EndpointRef alice = EndpointRef.csr("alice");
        IssuedToken console = tokens.issueConsole(alice, Duration.ofHours(8));
        assertThat(tokens.verifyEndpoint(console.token(), TokenKind.CONSOLE).granted().orElseThrow().endpoint())
                .isEqualTo(alice);
        assertThat(console.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(8)));
        clock.advance(Duration.ofHours(-8).minusMinutes(1));
        assertThat(code(tokens.verifyEndpoint(tokens.issueConsole(alice, Duration.ofHours(8)).token(),
                TokenKind.CONSOLE))).as("issued 8 h 1 min ago").isEqualTo("token-expired");
        clock.advance(Duration.ofHours(8).plusMinutes(1));
        for (String other : new String[] {tokens.issueVisitor(ANN).token(), tokens.issueEndpoint(alice).token(),
                leg(), tokens.issueLink("s-1", "l-1", ANN).token()}) {
            assertThat(code(tokens.verifyEndpoint(other, TokenKind.CONSOLE))).isEqualTo("token-wrong-type");
        }
        for (TokenKind kind : new TokenKind[] {TokenKind.VISITOR, TokenKind.ENDPOINT, TokenKind.LINK}) {
            assertThat(code(tokens.verifyEndpoint(console.token(), kind))).isEqualTo("token-wrong-type");
        }
        assertThat(code(tokens.verifyLeg(console.token()))).isEqualTo("token-wrong-type");
        assertThatThrownBy(() -> tokens.issueConsole(ANN, Duration.ofHours(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiredTokenIsRejected() {
        clock.advance(Duration.ofMinutes(-10).minusSeconds(20));
        assertThat(code(tokens.verifyLeg(leg()))).as("expired 20 s ago, within the clock skew").isEqualTo("verified");
        clock.advance(Duration.ofSeconds(-25));
        assertThat(code(tokens.verifyLeg(leg()))).as("expired 45 s ago").isEqualTo("token-expired");
    }

    @Test
    void aTokenOfAnotherKindIsRejected() {
        assertThat(code(tokens.verifyLeg(tokens.issueVisitor(ANN).token()))).isEqualTo("token-wrong-type");
        assertThat(code(tokens.verifyEndpoint(leg(), TokenKind.VISITOR))).isEqualTo("token-wrong-type");
        assertThat(code(tokens.verifyEndpoint(tokens.issueVisitor(ANN).token(), TokenKind.ENDPOINT)))
                .isEqualTo("token-wrong-type");
    }

    @Test
    void forgedAndTamperedTokensAreRejected() {
        String[] parts = leg().split("\\.");
        TokenService other = new TokenService("another-secret-another-secret-000".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ZERO,
                clock);
        assertThat(code(tokens.verifyLeg(other.issueLeg("s-1", "l-1", ANN, Set.of(Channel.CHAT)).token())))
                .isEqualTo("token-forged");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"l-1\"", "\"l-2\"");
        String tampered = parts[0] + "." + b64(claims) + "." + parts[2];
        assertThat(code(tokens.verifyLeg(tampered))).isEqualTo("token-forged");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertThat(code(tokens.verifyLeg(none))).isEqualTo("token-forged");
    }

    @Test
    void junkIsMalformedNotAnError() {
        for (String junk : new String[] {null, "", "a.b", "a.b.c.d", "%%%.***.!!!", b64("[]") + "." + b64("1") + ".x",
                "x".repeat(TokenService.MAX_TOKEN_LENGTH + 1)}) {
            assertThat(code(tokens.verifyLeg(junk))).as("junk %s", junk).isIn("token-malformed", "token-forged");
        }
    }

    /** A token as this service would sign it, whatever its parts say. */
    private static String signed(String header, String claims) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String input = b64(header) + "." + b64(claims);
        return input + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aDeeplyNestedTokenIsRefusedEvenWhenSignedAndNotParsedWhenNot() throws Exception {
        String deep = "{\"typ\":\"leg\",\"exp\":9999999999,\"x\":" + "[".repeat(TokenService.MAX_DEPTH + 1)
                + "]".repeat(TokenService.MAX_DEPTH + 1) + "}";
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        assertThat(code(tokens.verifyLeg(signed(header, deep)))).isEqualTo("token-malformed");
        assertThat(TokenService.claimedKind(signed(header, deep))).isEqualTo("unknown");
        String[] forged = signed(header, deep).split("\\.");
        assertThat(code(tokens.verifyLeg(forged[0] + "." + forged[1] + "." + b64("not the signature"))))
                .as("a stranger's deep JSON never reaches the library").isEqualTo("token-malformed");
        String shallow = "{\"typ\":\"leg\",\"exp\":9999999999,\"x\":" + "[".repeat(TokenService.MAX_DEPTH - 2)
                + "]".repeat(TokenService.MAX_DEPTH - 2) + "}";
        assertThat(code(tokens.verifyLeg(signed(header, shallow)))).as("nesting within the limit is read")
                .isEqualTo("token-malformed");
        assertThat(TokenService.claimedKind(signed(header, shallow))).isEqualTo("leg");
    }

    @Test
    void anOversizedTokenIsRefusedWithoutBeingReadOrSigned() {
        String megabyte = b64("{}") + "." + "A".repeat(1 << 20) + "." + "A".repeat(43);
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            assertThat(code(tokens.verifyLeg(megabyte))).isEqualTo("token-malformed");
            assertThat(TokenService.claimedKind(megabyte)).isEqualTo("unknown");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ten thousand megabyte tokens, none read")
                .isLessThan(Duration.ofSeconds(2));
        String[] parts = leg().split("\\.");
        assertThat(code(tokens.verifyLeg(parts[0] + "." + parts[1] + "+/." + parts[2])))
                .as("only the base64url alphabet").isEqualTo("token-malformed");
    }

    @Test
    void connectionDetailsNameOneWebSocketUrlPerChannelAndKeepTheTokenOutOfThem() {
        IssuedToken token = tokens.issueLeg("s-1", "l-1", ANN, EnumSet.of(Channel.CONTROL, Channel.CHAT));
        ConnectionDetails details = ConnectionDetailsFactory.details(URI.create("https://cc.example.com/parley/"),
                "s-1", "l-1", token, EnumSet.of(Channel.CHAT, Channel.PAGE_PUSH));
        assertThat(details.channels()).containsOnlyKeys("control", "chat", "page-push");
        assertThat(details.channels().get("chat"))
                .isEqualTo("wss://cc.example.com/parley/ws/sessions/s-1/legs/l-1/chat");
        assertThat(details.channels().values()).noneMatch(url -> url.contains(token.token()));
        assertThat(ConnectionDetailsFactory.details(URI.create("http://localhost:8080"), "s", "l", token,
                Set.of()).channels().get("control")).isEqualTo("ws://localhost:8080/ws/sessions/s/legs/l/control");
    }

    @Test
    void aLinkTokenGrantsTheJoinPageOfOneCustomerLegForItsTtl() {
        IssuedToken link = tokens.issueLink("s-1", "l-1", ANN);
        LinkGrant grant = tokens.verifyLink(link.token()).granted().orElseThrow();
        assertThat(grant).isEqualTo(new LinkGrant("s-1", "l-1", ANN, clock.instant().plus(Duration.ofHours(24))));
        assertThat(link.expiresAt()).isEqualTo(grant.expiresAt());
        clock.advance(Duration.ofHours(-24).minusMinutes(1));
        assertThat(code(tokens.verifyLink(tokens.issueLink("s-1", "l-1", ANN).token()))).isEqualTo("token-expired");
    }

    @Test
    void aLinkTokenOpensNothingElseAndNothingElseOpensTheJoinPage() {
        String link = tokens.issueLink("s-1", "l-1", ANN).token();
        assertThat(code(tokens.verifyLeg(link))).isEqualTo("token-wrong-type");
        assertThat(code(tokens.verifyEndpoint(link, TokenKind.VISITOR))).isEqualTo("token-wrong-type");
        assertThat(code(tokens.verifyLink(leg()))).isEqualTo("token-wrong-type");
        assertThat(code(tokens.verifyLink(tokens.issueVisitor(ANN).token()))).isEqualTo("token-wrong-type");
        String[] parts = link.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"l-1\"", "\"l-2\"");
        assertThat(code(tokens.verifyLink(parts[0] + "." + b64(claims) + "." + parts[2]))).isEqualTo("token-forged");
        assertThatThrownBy(() -> tokens.issueLink("s-1", "l-1", EndpointRef.csr("alice")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJoinLinkIsTheJoinPathUnderTheBaseWithItsTokenAndExpiry() {
        IssuedToken token = tokens.issueLink("s-1", "l-1", ANN);
        assertThat(ConnectionDetailsFactory.joinLink(URI.create("https://cc.example.com/parley"), token))
                .isEqualTo(new JoinLink("https://cc.example.com/parley/join/" + token.token(), token.expiresAt()));
        assertThat(ConnectionDetailsFactory.joinLink(URI.create("http://localhost:8080/"), token).url())
                .isEqualTo("http://localhost:8080/join/" + token.token());
    }

    private static final byte[] NEXT = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);

    private TokenService serviceWith(TokenKeys keys) {
        return new TokenService(keys, Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofMinutes(10),
                Duration.ofHours(24), Duration.ofSeconds(30), clock);
    }

    private static String keyId(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void afterARotationThePreviousSecretsTokensAreAcceptedUntilTheyExpireAndNewOnesNameTheNewKey() {
        String before = leg();
        String bound = tokens.linkBinding("l-1");
        TokenService rotating = serviceWith(TokenKeys.of(NEXT, Optional.of(SECRET)));
        assertThat(code(rotating.verifyLeg(before))).isEqualTo("verified");
        assertThat(rotating.isLinkBinding("l-1", bound)).as("a join link opened before the rotation").isTrue();
        String after = rotating.issueLeg("s-1", "l-1", ANN, EnumSet.of(Channel.CHAT)).token();
        assertThat(keyId(after)).isEqualTo(TokenKeys.of(NEXT).current().id()).isNotEqualTo(keyId(before));
        assertThat(code(tokens.verifyLeg(after))).as("a replica that has not rotated yet").isEqualTo("token-forged");

        TokenService rotated = serviceWith(TokenKeys.of(NEXT));
        assertThat(code(rotated.verifyLeg(after))).isEqualTo("verified");
        assertThat(code(rotated.verifyLeg(before))).as("once the previous secret is removed")
                .isEqualTo("token-forged");
        assertThat(rotated.isLinkBinding("l-1", bound)).isFalse();
        assertThatThrownBy(() -> TokenKeys.of(SECRET, Optional.of(SECRET))).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenKeys.of(SECRET, Optional.of("short".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenIsCheckedOnlyWithTheKeyItNamesAndOneWithoutAKeyIdWithTheCurrentKey() throws Exception {
        long now = clock.instant().getEpochSecond();
        String claims = "{\"typ\":\"leg\",\"sub\":\"customer:v-1\",\"sid\":\"s-1\",\"lid\":\"l-1\","
                + "\"ch\":[\"chat\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"jti\":\"j-1\"}";
        assertThat(code(tokens.verifyLeg(signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims))))
                .as("made before tokens named their key").isEqualTo("verified");
        String currentId = TokenKeys.of(NEXT).current().id();
        TokenService rotating = serviceWith(TokenKeys.of(NEXT, Optional.of(SECRET)));
        assertThat(code(rotating.verifyLeg(signed("{\"alg\":\"HS256\",\"kid\":\"" + currentId + "\"}",
                claims)))).as("signed with the previous secret, naming the current key").isEqualTo("token-forged");
        for (String kid : new String[] {"\"no-such-key\"", "1", "[\"" + currentId + "\"]", "{}"}) {
            assertThat(code(rotating.verifyLeg(signed("{\"alg\":\"HS256\",\"kid\":" + kid + "}", claims))))
                    .as("kid %s", kid).isEqualTo("token-forged");
        }
        assertThat(code(tokens.verifyLeg(signed("{\"alg\":\"HS512\"}", claims)))).as("another algorithm")
                .isEqualTo("token-forged");
        assertThat(code(tokens.verifyLeg(signed("{\"alg\":\"HS256\"}", claims.replace("\"jti\":\"j-1\"",
                "\"x\":1"))))).as("without a token id").isEqualTo("token-malformed");
    }

    @Test
    void everyReplicaDerivesTheSameKeyIdFromTheSameSecretAndTheIdIsNotTheSecret() {
        assertThat(TokenKeys.of(SECRET).current().id()).isEqualTo(TokenKeys.of(SECRET.clone()).current().id())
                .isNotEqualTo(TokenKeys.of(NEXT).current().id()).hasSize(16);
        assertThat(new String(SECRET, StandardCharsets.UTF_8)).doesNotContain(TokenKeys.of(SECRET).current().id());
        assertThat(keyId(leg())).isEqualTo(TokenKeys.of(SECRET).current().id());
    }

    @Test
    void aSignedTokenWithACriticalHeaderADateAsTextOrANotBeforeAheadIsRefusedAndASignatureOfAnyOtherLengthForged()
            throws Exception {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"typ\":\"leg\",\"sub\":\"customer:v-1\",\"sid\":\"s-1\",\"lid\":\"l-1\","
                + "\"ch\":[\"chat\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + ",\"jti\":\"j-1\"";
        String header = "{\"alg\":\"HS256\"}";
        assertThat(code(tokens.verifyLeg(signed(header, claims + "}")))).as("the same claims, well formed")
                .isEqualTo("verified");
        assertThat(code(tokens.verifyLeg(signed("{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":false}",
                claims + "}")))).as("a critical header this service does not implement").isEqualTo("token-malformed");
        assertThat(code(tokens.verifyLeg(signed(header, claims.replace("\"exp\":" + (now + 600), "\"exp\":\""
                + (now + 600) + "\"") + "}")))).as("an expiry that is text").isEqualTo("token-malformed");
        assertThat(code(tokens.verifyLeg(signed(header, claims + ",\"nbf\":" + (now + 3600) + "}"))))
                .as("not valid for another hour").isEqualTo("token-malformed");
        assertThat(code(tokens.verifyLeg(signed(header, claims + ",\"nbf\":" + (now - 5) + "}"))))
                .as("valid since a moment ago").isEqualTo("verified");
        assertThat(code(tokens.verifyLeg(signed(header, claims.replace("\"sid\":\"s-1\"", "\"sid\":7") + "}"))))
                .as("a session id that is a number").isEqualTo("token-malformed");
        String[] parts = leg().split("\\.");
        String input = parts[0] + "." + parts[1] + ".";
        assertThat(code(tokens.verifyLeg(input + parts[2].substring(0, 42)))).as("a signature one byte short")
                .isEqualTo("token-forged");
        assertThat(code(tokens.verifyLeg(input + parts[2] + "AAAA"))).as("a signature with bytes after it")
                .isEqualTo("token-forged");
        assertThat(code(tokens.verifyLeg(input))).as("no signature").isEqualTo("token-forged");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
