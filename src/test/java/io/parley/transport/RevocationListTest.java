package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import io.parley.session.EndpointRef;

/** What the in-memory revocations refuse, to the second, and that they stay bounded. */
class RevocationListTest {

    private static final EndpointRef BOB = EndpointRef.csr("bob");
    private static final EndpointRef ALICE = EndpointRef.csr("alice");
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    private static EndpointGrant console(EndpointRef agent, String id, Instant issued) {
        // A token's iat is whole seconds, as TokenService writes it.
        Instant iat = issued.truncatedTo(ChronoUnit.SECONDS);
        return new EndpointGrant(TokenKind.CONSOLE, agent, id, iat, iat.plus(Duration.ofHours(8)));
    }

    @Test
    void aSingleRevokedTokenIsRefusedAndTheAgentsOtherTokensAreNot() {
        RevocationList list = new RevocationList(100);
        EndpointGrant signedOut = console(BOB, "one", T);
        list.apply(Revocation.Token.of(signedOut));
        assertThat(list.refuses(signedOut)).isTrue();
        assertThat(list.refuses(console(BOB, "two", T))).as("another console of bob").isFalse();
        assertThat(list.refuses(console(ALICE, "three", T))).isFalse();
    }

    @Test
    void everyTokenIssuedBeforeTheMomentIsRefusedAndOnesIssuedFromTheNextSecondAreAccepted() {
        RevocationList list = new RevocationList(100);
        Instant moment = T.plusMillis(700);
        list.apply(new Revocation.IssuedBefore(BOB, moment));
        assertThat(list.refuses(console(BOB, "earlier", T.minusSeconds(3600)))).isTrue();
        assertThat(list.refuses(console(BOB, "same second, before", T.plusMillis(200)))).isTrue();
        // Issued in the same second after the moment: its iat cannot tell, so it is refused too, and an issuer
        // waits for the next whole second (acceptedFrom) before issuing.
        assertThat(list.refuses(console(BOB, "same second, after", T.plusMillis(900)))).isTrue();
        assertThat(list.acceptedFrom(BOB)).contains(T.plusSeconds(1));
        assertThat(list.refuses(console(BOB, "next second", T.plusSeconds(1)))).isFalse();
        assertThat(list.refuses(console(ALICE, "alice", T))).isFalse();
        assertThat(list.acceptedFrom(ALICE)).isEmpty();
    }

    @Test
    void aMomentOnAWholeSecondAcceptsTokensIssuedInThatSecond() {
        RevocationList list = new RevocationList(100);
        list.apply(new Revocation.IssuedBefore(BOB, T));
        assertThat(list.refuses(console(BOB, "before", T.minusMillis(1)))).isTrue();
        assertThat(list.refuses(console(BOB, "at", T))).isFalse();
    }

    @Test
    void aLaterMomentWinsAndAnEarlierOneChangesNothing() {
        RevocationList list = new RevocationList(100);
        list.apply(new Revocation.IssuedBefore(BOB, T.plusSeconds(10)));
        list.apply(new Revocation.IssuedBefore(BOB, T));
        assertThat(list.acceptedFrom(BOB)).contains(T.plusSeconds(10));
    }

    @Test
    void aRemovedAgentsTokensAreRefusedWheneverIssuedUntilItIsReadmitted() {
        RevocationList list = new RevocationList(100);
        list.apply(new Revocation.Removed(BOB));
        list.apply(new Revocation.IssuedBefore(BOB, T));
        assertThat(list.isRemoved(BOB)).isTrue();
        assertThat(list.refuses(console(BOB, "future", T.plusSeconds(3600)))).isTrue();
        list.apply(new Revocation.Readmitted(BOB));
        assertThat(list.isRemoved(BOB)).isFalse();
        assertThat(list.refuses(console(BOB, "old", T.minusSeconds(1)))).as("tokens from before it was removed")
                .isTrue();
        assertThat(list.refuses(console(BOB, "new", T.plusSeconds(3600)))).isFalse();
    }

    @Test
    void whatRefusesNothingAnyMoreIsForgotten() {
        RevocationList list = new RevocationList(100);
        EndpointGrant token = console(BOB, "one", T);
        list.apply(Revocation.Token.of(token));
        list.apply(new Revocation.IssuedBefore(ALICE, T));
        list.forget(T.plus(Duration.ofHours(7)), Duration.ofHours(8));
        assertThat(list.singleTokens()).isEqualTo(1);
        assertThat(list.acceptedFrom(ALICE)).isPresent();
        list.forget(T.plus(Duration.ofHours(8)), Duration.ofHours(8));
        assertThat(list.singleTokens()).isZero();
        assertThat(list.acceptedFrom(ALICE)).isEmpty();
    }

    @Test
    void pastItsBoundTheOldestSingleTokensFoldIntoTheirAgentsMomentAndStayRefused() {
        RevocationList list = new RevocationList(10);
        EndpointGrant first = console(BOB, "first", T);
        list.apply(Revocation.Token.of(first));
        for (int i = 1; i <= 10; i++) {
            list.apply(Revocation.Token.of(console(ALICE, "alice-" + i, T.plusSeconds(60L * i))));
        }
        assertThat(list.singleTokens()).isLessThanOrEqualTo(10);
        assertThat(list.refuses(first)).as("folded, and still refused").isTrue();
        assertThat(list.acceptedFrom(BOB)).contains(T.plusSeconds(1));
        assertThat(list.refuses(console(BOB, "later", T.plusSeconds(5)))).as("bob's later tokens are not").isFalse();
        for (int i = 1; i <= 10; i++) {
            assertThat(list.refuses(console(ALICE, "alice-" + i, T.plusSeconds(60L * i)))).isTrue();
        }
    }

    @Test
    void endpointTokensTradedForAConsoleTokenAreAnsweredOnceAndExpire() {
        RevocationList list = new RevocationList(100);
        EndpointGrant endpoint = new EndpointGrant(TokenKind.ENDPOINT, BOB, "e1", T, T.plus(Duration.ofMinutes(10)));
        list.traded("console-1", endpoint);
        assertThat(list.tradedFor("console-2")).isEmpty();
        assertThat(list.tradedFor("console-1")).containsExactly(endpoint);
        assertThat(list.tradedFor("console-1")).isEmpty();
        list.traded("console-3", endpoint);
        list.forget(T.plus(Duration.ofMinutes(10)), Duration.ofHours(8));
        assertThat(list.tradedFor("console-3")).isEmpty();
    }
}
