package io.parley.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.parley.api.ProblemException;
import io.parley.session.Channel;
import io.parley.session.EndpointRef;
import io.parley.session.Requester;
import io.parley.transport.MutableClock;
import io.parley.transport.Revocation;
import io.parley.transport.RevocationList;
import io.parley.transport.TokenService;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Passwords, who a caller is, and which WebSocket upgrades a token opens — without a server. */
class SecurityRulesTest {

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final TokenService tokens = new TokenService("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofMinutes(10),
            Duration.ofHours(24), Duration.ZERO, clock);
    private final RevocationList revocations = new RevocationList(100);
    private final LegTokens upgrades = new LegTokens(tokens, revocations, null); // decide() only: nothing is held

    @Test
    void passwordsVerifyOnlyAgainstTheirOwnHash() {
        String hash = PasswordHasher.hash("parley".toCharArray());
        assertThat(hash).startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$");
        assertThat(PasswordHasher.verify("parley".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("Parley".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.hash("parley".toCharArray())).as("salted").isNotEqualTo(hash);
        assertThat(PasswordHasher.verify("parley".toCharArray(), "md5$abc")).isFalse();
        assertThat(PasswordHasher.verify("parley".toCharArray(), null)).isFalse();
    }

    private static QuarkusSecurityIdentity identity(String name, EndpointRef endpoint, String role) {
        return (QuarkusSecurityIdentity) Identities.of(name, endpoint, Set.of(role));
    }

    @Test
    void callersAreWhoTheirCredentialsSay() {
        Callers callers = new Callers();
        assertThat(callers.requester(QuarkusSecurityIdentity.builder().setAnonymous(true).build(), Optional.empty()))
                .isEmpty();
        assertThat(callers.requester(identity("alice", EndpointRef.csr("alice"), "agent"), Optional.empty()))
                .contains(Requester.as(EndpointRef.csr("alice")));
        assertThat(callers.requester(identity("op", null, "operator"), Optional.empty()))
                .contains(Requester.operator("op"));
        assertThat(callers.requester(identity("op", null, "operator"), Optional.of(EndpointRef.customer("ann"))))
                .contains(Requester.as(EndpointRef.customer("ann")));
    }

    @Test
    void onlyOperatorsActOnBehalfOfOthers() {
        Callers callers = new Callers();
        assertThatThrownBy(() -> callers.requester(identity("alice", EndpointRef.csr("alice"), "agent"),
                Optional.of(EndpointRef.customer("ann"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().code())
                        .isEqualTo("not-permitted"));
        assertThatThrownBy(() -> callers.requester(QuarkusSecurityIdentity.builder().setAnonymous(true).build(),
                Optional.of(EndpointRef.csr("bob")))).isInstanceOf(ProblemException.class);
    }

    private String leg(String session, String leg) {
        return tokens.issueLeg(session, leg, EndpointRef.customer("v-1"), EnumSet.of(Channel.CONTROL, Channel.CHAT))
                .token();
    }

    private LegTokens.Decision upgrade(String path, String token) {
        return upgrades.decide(path, List.of("parley.v1, parley.token." + token), null);
    }

    @Test
    void aLegTokenOpensExactlyItsOwnLegsChannels() {
        String token = leg("s-1", "l-1");
        assertThat(upgrade("/ws/sessions/s-1/legs/l-1/chat", token).permitted()).isTrue();
        assertThat(upgrades.decide("/ws/sessions/s-1/legs/l-1/control", null, "Bearer " + token).permitted())
                .isTrue();
        assertThat(upgrade("/ws/sessions/s-2/legs/l-1/chat", token)).extracting(LegTokens.Decision::status,
                LegTokens.Decision::code).containsExactly(403, "token-for-another-session");
        assertThat(upgrade("/ws/sessions/s-1/legs/l-2/chat", token).code()).isEqualTo("token-for-another-leg");
        assertThat(upgrade("/ws/sessions/s-1/legs/l-1/voice", token).code()).isEqualTo("channel-not-granted");
        assertThat(upgrades.decide("/ws/sessions/s-1/legs/l-1/chat", List.of("parley.v1"), null))
                .extracting(LegTokens.Decision::status).isEqualTo(401);
    }

    @Test
    void forgedExpiredAndWrongKindTokensOpenNothing() {
        String token = leg("s-1", "l-1");
        String forged = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(upgrade("/ws/sessions/s-1/legs/l-1/chat", forged)).extracting(LegTokens.Decision::status,
                LegTokens.Decision::code).containsExactly(401, "token-forged");
        assertThat(upgrade("/ws/sessions/s-1/legs/l-1/chat", tokens.issueVisitor(EndpointRef.customer("v-1")).token())
                .code()).isEqualTo("token-wrong-type");
        clock.advance(Duration.ofMinutes(-11));
        assertThat(upgrade("/ws/sessions/s-1/legs/l-1/chat", leg("s-1", "l-1"))).extracting(LegTokens.Decision::status,
                LegTokens.Decision::code).containsExactly(401, "token-expired");
    }

    @Test
    void theEndpointChannelTakesOnlyAnAgentsEndpointToken() {
        String agent = tokens.issueEndpoint(EndpointRef.csr("alice")).token();
        assertThat(upgrade("/ws/endpoint", agent).permitted()).isTrue();
        assertThat(upgrade("/ws/endpoint", leg("s-1", "l-1")).status()).isEqualTo(403);
        assertThat(upgrade("/ws/endpoint", tokens.issueEndpoint(EndpointRef.customer("v-1")).token()).code())
                .isEqualTo("agents-only");
        assertThat(upgrades.decide("/ws/endpoint", null, null).status()).isEqualTo(401);
    }

    @Test
    void revokedEndpointTokensAndARemovedAgentsLegTokensOpenNothing() {
        String before = tokens.issueEndpoint(EndpointRef.csr("alice")).token();
        revocations.apply(new Revocation.IssuedBefore(EndpointRef.csr("alice"), clock.instant().plusMillis(500)));
        assertThat(upgrade("/ws/endpoint", before)).extracting(LegTokens.Decision::status,
                LegTokens.Decision::code).containsExactly(401, "token-revoked");
        clock.advance(Duration.ofSeconds(1));
        String after = tokens.issueEndpoint(EndpointRef.csr("alice")).token();
        assertThat(upgrade("/ws/endpoint", after).permitted()).as("issued from the next second").isTrue();
        assertThat(upgrades.endpointGrant(before)).as("nor renews a console").isEmpty();

        String bobsLeg = tokens.issueLeg("s-1", "l-1", EndpointRef.csr("bob"), EnumSet.of(Channel.CONTROL)).token();
        assertThat(upgrade("/ws/sessions/s-1/legs/l-1/control", bobsLeg).permitted()).isTrue();
        revocations.apply(new Revocation.Removed(EndpointRef.csr("bob")));
        assertThat(upgrade("/ws/sessions/s-1/legs/l-1/control", bobsLeg).code()).isEqualTo("token-revoked");
        assertThat(upgrade("/ws/sessions/s-1/legs/l-2/control", leg("s-1", "l-2")).permitted())
                .as("a customer's leg in the same session").isTrue();
    }
}
