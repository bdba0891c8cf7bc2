package io.parley.pagepush;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadershipTest {

    private static final String SESSION = "s-1";
    private final Leadership leadership = new Leadership();

    @Test
    void theFirstToPushLeadsAndTheOthersFollowUntilTheyTakeTheLead() {
        assertThat(leadership.claim(SESSION, "agent")).isEqualTo(Leadership.Claim.TOOK);
        assertThat(leadership.claim(SESSION, "agent")).isEqualTo(Leadership.Claim.LEADS);
        assertThat(leadership.claim(SESSION, "customer")).isEqualTo(Leadership.Claim.FOLLOWS);
        leadership.take(SESSION, "customer");
        assertThat(leadership.leader(SESSION)).contains("customer");
        assertThat(leadership.claim(SESSION, "agent")).isEqualTo(Leadership.Claim.FOLLOWS);
    }

    @Test
    void theLeadersPageAndPositionThereAreKeptForPagesThatConnectLater() {
        leadership.claim(SESSION, "agent");
        leadership.navigated(SESSION, "https://shop.example.com/cart");
        leadership.scrolled(SESSION, new Leadership.Position(0, 0.5));
        assertThat(leadership.page(SESSION)).contains("https://shop.example.com/cart");
        assertThat(leadership.scroll(SESSION)).contains(new Leadership.Position(0, 0.5));

        leadership.navigated(SESSION, "https://shop.example.com/checkout");
        assertThat(leadership.page(SESSION)).contains("https://shop.example.com/checkout");
        assertThat(leadership.scroll(SESSION)).as("the position was on the page before").isEmpty();
    }

    @Test
    void aNewLeadersPageIsUnknownUntilItSaysWhereItIs() {
        leadership.claim(SESSION, "agent");
        leadership.navigated(SESSION, "https://shop.example.com/cart");
        leadership.take(SESSION, "agent");
        assertThat(leadership.page(SESSION)).as("the same leader taking the lead again").isPresent();
        leadership.take(SESSION, "customer");
        assertThat(leadership.page(SESSION)).isEmpty();
        assertThat(leadership.scroll(SESSION)).isEmpty();
    }

    @Test
    void onlyTheLeadersOwnReleaseEndsTheLeadAndWithItWhatWasKept() {
        leadership.claim(SESSION, "agent");
        leadership.navigated(SESSION, "https://shop.example.com/cart");
        assertThat(leadership.release(SESSION, "customer")).isFalse();
        assertThat(leadership.leader(SESSION)).contains("agent");
        assertThat(leadership.release(SESSION, "agent")).isTrue();
        assertThat(leadership.leader(SESSION)).isEmpty();
        assertThat(leadership.page(SESSION)).isEmpty();
        assertThat(leadership.claim(SESSION, "customer")).isEqualTo(Leadership.Claim.TOOK);
    }
}
