package io.parley.pagepush;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SharingTest {

    private static final Optional<String> ALICE_FIRST = Optional.of("alice");

    @Test
    void theAgentWhoServedFirstIsSharedWithFromTheStartAndNobodyElse() {
        Sharing sharing = Sharing.FIRST_AGENT_ONLY;
        assertThat(sharing.with(ALICE_FIRST)).containsExactly("alice");
        assertThat(sharing.refusal("alice", ALICE_FIRST)).isEmpty();
        assertThat(sharing.refusal("bob", ALICE_FIRST)).contains(Sharing.Refusal.NOT_ASKED);
        assertThat(sharing.with(Optional.empty())).as("before an agent served").isEmpty();
    }

    @Test
    void aLaterAgentIsSharedWithOnceTheCustomerSaysYes() {
        Sharing shared = Sharing.FIRST_AGENT_ONLY.share(Set.of("alice", "bob"));
        assertThat(shared.with(ALICE_FIRST)).containsExactlyInAnyOrder("alice", "bob");
        assertThat(shared.refusal("bob", ALICE_FIRST)).isEmpty();
        assertThat(shared.refusal("carol", ALICE_FIRST)).as("who joins after the yes is asked again")
                .contains(Sharing.Refusal.NOT_ASKED);
    }

    @Test
    void stoppingSharesWithNobodyNotEvenTheFirstAgentUntilTheCustomerSharesAgain() {
        Sharing stopped = Sharing.FIRST_AGENT_ONLY.share(Set.of("bob")).stop();
        assertThat(stopped.with(ALICE_FIRST)).isEmpty();
        assertThat(stopped.refusal("alice", ALICE_FIRST)).contains(Sharing.Refusal.STOPPED);
        assertThat(stopped.refusal("alice", ALICE_FIRST).orElseThrow().code()).isEqualTo("not-shared");
        Sharing again = stopped.share(Set.of("alice"));
        assertThat(again.with(ALICE_FIRST)).as("with those in the conversation now, not those said yes to before")
                .containsExactly("alice");
        assertThat(again.refusal("bob", ALICE_FIRST)).contains(Sharing.Refusal.NOT_ASKED);
    }
}
