package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.parley.support.Parley.presence;

import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;

import io.parley.support.Browser;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console gives the agent the context of each customer, in people's terms: the offer card (who, about what,
 * their first words, how long they have waited), the tab (who, the subject, the time), the roster (online, gone since
 * when), the count of who waits, and asks before End, Leave or Sign out cut a live conversation short; a customer is
 * told at once that the agent signed out. At a laptop's 1024 px the chat stays beside the roster.
 */
@QuarkusTest
class ConsoleContextBrowserTest extends InABrowser {

    @BeforeEach
    void everyoneAway() {
        Parley.reset();
        Parley.AGENTS.forEach(agent -> presence(agent, "away"));
    }

    /** The customer opens the shop's widget, asks about pricing, and waits. */
    private void asksAboutPricing(Page customer) {
        customer.navigate(base + "demo/index.html");
        customer.locator(".launcher").click();
        customer.getByLabel("Pricing").check();
        Journeys.button(customer, "Start chat").click();
        assertThat(customer.locator(".queue")).containsText("You are number 1 in line");
    }

    @Test
    void theOfferCardSaysWhoAsksAboutWhatInTheirOwnWordsAndHowLongTheyHaveWaited() {
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page customer = browser.page();
        asksAboutPricing(customer);
        // What the customer writes is shown as text, never as markup.
        String words = "<img src=x onerror=alert(1)> Do you ship the Lever One to Norway?";
        Journeys.say(customer, words);
        assertThat(alice.locator("#waiting-count")).hasText("1 waiting");
        assertThat(alice.locator("#queue-title")).hasText("Waiting (1)");

        alice.locator("#presence").selectOption("available");
        Locator offer = alice.locator(".offer");
        assertThat(offer.locator(".who")).hasText("Website visitor");
        assertThat(offer.locator(".about")).hasText("About pricing");
        assertThat(offer.locator(".first-message")).hasText(words);
        assertThat(offer.locator(".on-page")).hasText("On “" + customer.title() + "”");
        assertThat(offer.locator(".on-page")).hasAttribute("title", base + "demo/index.html");
        Assertions.assertThat(offer.locator(".first-message img").count()).isZero();
        assertThat(offer.locator(".waited")).hasText(Pattern.compile("Waiting for \\d+ s"));
        Assertions.assertThat(Browser.seriousViolations(alice)).as("console accessibility, offer card").isEmpty();
    }

    @Test
    void theTabAndTheRosterSayWhoIsThereInPeoplesTermsAndACustomerWhoClosedTheTabIsGoneAtOnce() {
        presence("alice", "available");
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page customer = browser.page();
        asksAboutPricing(customer);
        alice.locator(".offer").getByText("Accept").click();
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin");

        Locator tab = alice.locator(".tab");
        assertThat(tab.locator(".tab-name")).hasText("Website visitor");
        assertThat(tab.locator(".tab-detail")).hasText(Pattern.compile("Pricing · \\d+ s"));
        Locator them = alice.locator(".session-panel .leg:has(.role:text-is('customer'))");
        assertThat(them.locator(".status")).hasText("online");
        assertThat(them.locator(".channel[data-channel=control]")).isHidden();
        them.locator("summary").click();
        assertThat(them.locator(".channel[data-channel=control]")).hasText("control: connected");
        Assertions.assertThat(Browser.seriousViolations(alice)).as("console accessibility, roster").isEmpty();

        customer.close();
        assertThat(them).hasAttribute("data-status", "gone");
        assertThat(them.locator(".status")).hasText(Pattern.compile("gone \\(since \\d+ s\\)"));
    }

    @Test
    void endLeaveAndSignOutAskFirstWhileTheConversationIsLiveAndTheCustomerLearnsTheAgentSignedOut() {
        presence("alice", "available");
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, alice, base);

        Journeys.button(alice, "End conversation").click();
        Locator asked = alice.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(
                "End this conversation for everyone in it?"));
        assertThat(asked).isVisible();
        Journeys.button(alice, "Cancel").click();
        assertThat(asked).isHidden();
        Journeys.button(alice, "Leave").click();
        assertThat(alice.locator(".confirm-question")).hasText("Leave this conversation? It goes on without you.");
        Journeys.button(alice, "Cancel").click();
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin");

        Journeys.button(alice, "Sign out").click();
        assertThat(alice.locator(".confirm-question")).hasText(Pattern.compile(
                "You are in a live conversation\\. Signing out takes you out.*"));
        Journeys.button(alice, "Sign out anyway").click();
        assertThat(alice.getByLabel("User name")).isVisible();
        assertThat(customer.locator(".msg.note").last()).hasText(
                "Alice Martin signed out: you are back in line for the next agent.");
        assertThat(customer.locator(".status")).hasText("Waiting for an agent…");
    }

    @Test
    void anEndedConversationSaysSoWithoutAnErrorAndSigningOutThenAsksNothing() {
        presence("alice", "available");
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, alice, base);
        Journeys.endConversation(alice);
        assertThat(alice.locator(".session-state")).hasText(Pattern.compile("^Ended.*"));
        assertThat(alice.locator(".session-state")).not().containsText("Could not");
        assertThat(customer.locator(".rating-question")).isVisible();
        // Signing out with nothing live asks nothing.
        Journeys.button(alice, "Sign out").click();
        assertThat(alice.getByLabel("User name")).isVisible();
    }

    @Test
    void atALaptopsWidthTheChatStaysBesideTheRosterAndTheOffersKeepTheirColumn() {
        presence("alice", "available");
        Page alice = Journeys.signIn(browser.page(1024, 768), base, "alice");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, alice, base);
        BoundingBox offers = alice.locator(".offers-column").boundingBox();
        BoundingBox sessions = alice.locator(".sessions").boundingBox();
        BoundingBox roster = alice.locator(".session-panel .roster").boundingBox();
        BoundingBox chat = alice.locator(".session-panel .chat").boundingBox();
        Assertions.assertThat(sessions.x).as("the conversations beside the offers")
                .isGreaterThan(offers.x + offers.width);
        Assertions.assertThat(chat.x).as("the chat beside the roster").isGreaterThan(roster.x + roster.width - 1);
        Assertions.assertThat(Math.abs(chat.y - roster.y)).as("on the same row").isLessThan(5.0);
        Assertions.assertThat(chat.x + chat.width).as("all on the screen").isLessThanOrEqualTo(1024.0);
        Browser.screenshot(alice, "console-1024");
    }
}
