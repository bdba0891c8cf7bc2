package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.parley.browser.Journeys.agentSays;
import static io.parley.browser.Journeys.button;
import static io.parley.support.Parley.presence;

import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.parley.support.Browser;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;

/** What a supervisor sees and does in a real browser: the wallboard, then monitor, whisper, barge in, take over. */
@QuarkusTest
class SupervisorBrowserTest extends InABrowser {

    @BeforeEach
    void onlyAliceServesSales() {
        Parley.reset();
        presence("bob", "away");
        presence("carol", "away");
    }

    @Test
    void theWallboardMovesAsACustomerQueuesAndIsAnsweredAndASupervisorMonitorsWhispersBargesAndTakesOver() {
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page sam = browser.page();
        sam.navigate(base + "console/wallboard");
        sam.getByLabel("User name").fill("sam");
        sam.getByLabel("Password").fill(Parley.PASSWORD);
        button(sam, "Sign in").click();
        assertThat(sam.locator("#live")).hasText("Live");
        assertThat(sam.locator("#nobody-waits")).isVisible();

        Page customer = browser.page();
        Journeys.startChat(customer, base);
        Locator waiting = sam.locator("#waiting tr");
        assertThat(waiting).hasCount(1);
        assertThat(sam.locator("#services tr[data-service=sales] .waiting-count")).hasText("1");
        alice.locator(".offer").getByText("Accept").click();
        assertThat(customer.locator(".status")).hasText(Pattern.compile("You are talking with Alice.*"));
        assertThat(waiting).hasCount(0);
        Locator conversation = sam.locator("#agents tr[data-agent=alice] .session-button");
        assertThat(conversation).hasCount(1);
        assertThat(sam.locator("#services tr[data-service=sales] .level")).containsText("goal 80% in 20");
        Assertions.assertThat(Browser.seriousViolations(sam)).as("wallboard accessibility").isEmpty();
        Browser.screenshot(sam, "wallboard");

        conversation.click();
        button(sam, "Monitor").click();
        sam.waitForURL(Pattern.compile(".*/console/#session=.*"));
        Locator bar = sam.locator(".session-panel:visible .supervision");
        assertThat(bar).hasAttribute("data-mode", "monitor");
        agentSays(alice, "Let me check that order for you");
        assertThat(sam.locator(".session-panel:visible .msg").last()).containsText("check that order");
        assertThat(sam.locator(".session-panel:visible textarea")).isDisabled();
        Journeys.say(customer, "Thank you");
        assertThat(sam.locator(".session-panel:visible .msg").last()).containsText("Thank you");
        assertThat(customer.locator(".status")).not().containsText("Sam");

        bar.getByText("Whisper").click();
        assertThat(bar).hasAttribute("data-mode", "whisper");
        agentSays(sam, "Offer the ten percent code");
        Locator coaching = alice.locator(".session-panel:visible .msg.coaching");
        assertThat(coaching).containsText("Offer the ten percent code");
        assertThat(coaching).containsText("not seen by the customer");
        Browser.screenshot(alice, "console-whisper");
        Journeys.say(customer, "Is there a discount?");
        assertThat(alice.locator(".session-panel:visible .msg").last()).containsText("discount");
        Assertions.assertThat(customer.locator(".chat-log").textContent()).doesNotContain("ten percent");
        assertThat(customer.locator(".status")).not().containsText("Sam");

        bar.getByText("Barge in").click();
        assertThat(bar).hasAttribute("data-mode", "barge");
        assertThat(customer.locator(".status")).containsText("Sam");
        button(sam, "Take over").click();
        assertThat(sam.locator(".session-panel:visible .supervision")).hasCount(0);
        assertThat(alice.locator(".session-panel")).hasCount(0);
        agentSays(sam, "I am taking it from here");
        assertThat(customer.locator(".msg.other").last()).containsText("taking it from here");
        assertThat(customer.locator(".status")).not().containsText("Alice");
    }

    @Test
    void aMonitoringSupervisorHearsTheCallWhileTheCustomerIsToldNothingOfIt() {
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, alice, base);
        button(alice, "Start voice").click();
        customer.locator(".voice .call").click();
        framesHeard(customer);

        // Signed in to the console, the same tab's wallboard needs no second sign-in.
        Page sam = Journeys.signIn(browser.page(), base, "sam");
        sam.navigate(base + "console/wallboard/");
        sam.locator("#agents tr[data-agent=alice] .session-button").click();
        button(sam, "Monitor").click();
        Locator call = sam.locator(".session-panel:visible .voice .call");
        assertThat(call).hasText("Join the call");
        call.click();
        framesHeard(sam);
        Assertions.assertThat(heardEnergy(sam)).as("the supervisor hears the call").isPositive();
        assertThat(customer.locator(".status")).hasText(Pattern.compile("You are talking with Alice Martin"));
        Assertions.assertThat(customer.locator("parley-widget").textContent()).as("nobody new on the customer's page")
                .doesNotContain("Sam");
    }

    private static void framesHeard(Page page) {
        page.waitForFunction("() => Number(document.querySelector('parley-widget')?.shadowRoot"
                + ".querySelector('.voice')?.dataset.framesReceived ?? document.querySelector('.session-panel:not("
                + "[hidden]) .voice')?.dataset.framesReceived ?? 0) > 25");
    }

    private static double heardEnergy(Page page) {
        Object energy = page.evaluate("() => document.querySelector('.session-panel:not([hidden]) .voice')"
                + ".dataset.heardEnergy ?? '0'");
        return Double.parseDouble(String.valueOf(energy));
    }

    @Test
    void anAgentIsToldTheWallboardIsForSupervisors() {
        Page page = browser.page();
        page.navigate(base + "console/wallboard/");
        page.getByLabel("User name").fill("alice");
        page.getByLabel("Password").fill(Parley.PASSWORD);
        button(page, "Sign in").click();
        assertThat(page.locator("#sign-in-problem")).hasText("The wallboard is for supervisors.");
        assertThat(page.locator("#board")).isHidden();
    }
}
