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

import io.parley.support.Browser;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;

/** What agents and customers meet every day, in a real browser: alerts, unread counts, the queue view, rating. */
@QuarkusTest
class DayToDayBrowserTest extends InABrowser {

    @BeforeEach
    void everyoneAway() {
        Parley.reset();
        Parley.AGENTS.forEach(agent -> presence(agent, "away"));
    }

    @Test
    void anOfferChimesUnlessTheAgentSwitchedTheSoundOffWhichTheConsoleKeeps() {
        presence("alice", "available");
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Locator sound = alice.getByLabel("Sound on offers");
        assertThat(sound).isChecked();
        Page customer = browser.page();
        Journeys.startChat(customer, base);
        assertThat(alice.locator(".offer")).hasCount(1);
        assertThat(alice.locator("#offers")).hasAttribute("data-chimes", "1");
        alice.locator(".offer").getByText("Decline").click();

        sound.uncheck();
        alice.reload();
        assertThat(alice.getByLabel("Sound on offers")).not().isChecked();
        Page second = browser.page();
        Journeys.startChat(second, base);
        assertThat(alice.locator(".offer")).hasCount(1);
        assertThat(alice.locator("#offers")).not().hasAttribute("data-chimes", Pattern.compile(".*"));
    }

    @Test
    void aMinimisedWidgetCountsTheAgentsNewMessagesAndShowsTheFirstWordsOfTheLast() {
        presence("alice", "available");
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, alice, base);
        Locator sound = customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                "Sound for new messages while minimised"));
        assertThat(sound).hasAttribute("aria-pressed", "true");
        Journeys.button(customer, "Minimise the chat").click();

        Journeys.agentSays(alice, "Your order has shipped today and should arrive on Friday morning at the latest");
        Locator count = customer.locator(".launcher .unread-count");
        assertThat(count).hasText("1");
        assertThat(customer.locator(".unread-preview")).hasText(Pattern.compile(
                "Alice Martin: Your order has shipped today and should arrive on.*…"));
        assertThat(customer.locator(".launcher")).hasAttribute("aria-label", Pattern.compile(
                ".*1 new message: Alice Martin: Your order.*"));
        Journeys.agentSays(alice, "Anything else?");
        assertThat(count).hasText("2");
        assertThat(customer.locator(".unread-preview")).hasText("Alice Martin: Anything else?");
        Assertions.assertThat(Browser.seriousViolations(customer)).as("widget accessibility, minimised").isEmpty();

        customer.locator(".launcher").click();
        assertThat(count).isHidden();
        assertThat(customer.locator(".unread-preview")).isHidden();
        sound.click();
        assertThat(sound).hasAttribute("aria-pressed", "false");
        customer.reload();
        assertThat(customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                "Sound for new messages while minimised"))).hasAttribute("aria-pressed", "false");
    }

    @Test
    void atTheEndTheCustomerRatesTheConversationAndIsThanked() {
        presence("alice", "available");
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, alice, base);
        Journeys.endConversation(alice);
        assertThat(customer.locator(".rating-question")).hasText("How was your conversation?");
        Assertions.assertThat(Browser.seriousViolations(customer)).as("widget accessibility, rating").isEmpty();
        customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("4 of 5: Very good")).click();
        assertThat(customer.locator(".rating-said")).hasText(
                "Thank you: you rated this conversation 4 of 5: Very good.");
        Browser.screenshot(customer, "widget-rating");
    }

    @Test
    void anAgentSeesWhoWaitsAndPicksTheCustomerInsteadOfWaitingForTheOffer() {
        Page customer = browser.page();
        Journeys.startChat(customer, base);
        Page alice = browser.page();
        alice.navigate(base + "console");
        alice.getByLabel("User name").fill("alice");
        alice.getByLabel("Password").fill(Parley.PASSWORD);
        Journeys.button(alice, "Sign in").click();
        Locator waiting = alice.locator("#queue .waiting");
        assertThat(waiting).hasCount(1);
        assertThat(waiting).containsText("Sales");
        assertThat(waiting.locator(".why-not")).hasText("set yourself available to pick");
        Assertions.assertThat(Browser.seriousViolations(alice)).as("console accessibility with a wait").isEmpty();

        alice.locator("#presence").selectOption("available");
        Locator pick = waiting.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(
                Pattern.compile("^Pick")));
        assertThat(pick).isVisible();
        pick.click();
        assertThat(customer.locator(".status")).hasText(Pattern.compile("You are talking with Alice.*"));
        assertThat(alice.locator(".session-panel .leg[data-state=connected]")).hasCount(2);
        assertThat(alice.locator(".offer")).hasCount(0);
        assertThat(alice.locator("#nobody-waiting")).isVisible();
        Journeys.agentSays(alice, "Picked you from the queue");
        assertThat(customer.locator(".msg.other").last()).containsText("Picked you from the queue");
    }
}
