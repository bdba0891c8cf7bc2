package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
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

/**
 * A call in the browser follows the customer: the customer calls the agent once one is there, the agent's console
 * rings, and after a transfer or a conference to whoever fits a subject the agent who accepts the offer is on the
 * call at once (and stays on it when the consulting agent completes the transfer), with labelled level meters and
 * a timer on every side.
 */
@QuarkusTest
class CallFollowsBrowserTest extends InABrowser {

    @BeforeEach
    void onlyAliceServesSales() {
        Parley.reset();
        presence("bob", "away");
        presence("carol", "away");
    }

    @Test
    void aTransferredCallFollowsTheCustomerToTheAgentWhoAcceptsTheOfferAndNobodyWaitsForTheOthers() {
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page bob = Journeys.signIn(browser.page(), base, "bob");
        presence("bob", "away");
        Page customer = aliceTakesACallFromTheCustomer(alice);

        // Every line the customer's call shows from now on.
        customer.evaluate("() => { window.callLines = []; const state = document.querySelector('parley-widget')"
                + ".shadowRoot.querySelector('.voice-state'); new MutationObserver(() => window.callLines"
                + ".push(state.textContent)).observe(state, {childList: true, characterData: true, subtree: true}); }");
        alice.locator(".handover select").first().selectOption("subject:orders");
        Journeys.button(alice, "Transfer").click();
        presence("bob", "available");
        bob.locator(".offer").getByText("Accept").click();

        // Bob's console joins the call the customer is on, with no click: the customer talks to Bob.
        assertThat(alice.locator(".tab")).hasCount(0);
        assertThat(call(bob)).hasText("Hang up");
        assertThat(customer.locator(".voice-state")).hasText("On the call with Bob Okafor");
        hearsTheCall(bob);
        heardOn(customer, "Bob Okafor");
        Assertions.assertThat(customer.evaluate("() => window.callLines")).asString()
                .as("what the customer's call said while it went to Bob")
                .contains("On the call with Bob Okafor").doesNotContain("Waiting for the others");
        assertThat(customer.locator(".voice .meter")).hasText(new String[] {"You", "Bob Okafor"});
        assertThat(bob.locator(".session-panel:visible .voice .meter")).hasText(new String[] {"You", "Customer"});
        assertThat(bob.locator(".session-panel:visible .voice .call-timer")).hasText(
                Pattern.compile("0:\\d\\d"));
        Browser.screenshot(customer, "widget-call-followed");
        Assertions.assertThat(Browser.seriousViolations(customer)).as("widget accessibility on a call").isEmpty();
        Assertions.assertThat(Browser.seriousViolations(bob)).as("console accessibility on a call").isEmpty();
    }

    @Test
    void theAgentWhoAcceptsAConferenceOfferJoinsTheCallAndKeepsItWhenTheTransferIsCompleted() {
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page bob = Journeys.signIn(browser.page(), base, "bob");
        presence("bob", "away");
        Page customer = aliceTakesACallFromTheCustomer(alice);

        alice.locator(".handover select").first().selectOption("subject:orders");
        Journeys.button(alice, "Conference").click();
        presence("bob", "available");
        bob.locator(".offer").getByText("Accept").click();

        assertThat(call(bob)).hasText("Hang up");
        assertThat(customer.locator(".voice-state")).hasText("On the call with Alice Martin and Bob Okafor");
        assertThat(alice.locator(".session-panel:visible .voice-state")).hasText(
                "On the call with Bob Okafor and the customer");
        assertThat(customer.locator(".voice .meter")).hasText(new String[] {"You", "Alice Martin", "Bob Okafor"});
        hearsTheCall(bob);
        Browser.screenshot(bob, "console-call-conference");

        // Consulted, Alice completes the transfer to Bob: the call goes on between the customer and Bob.
        alice.locator(".handover select").first().selectOption("csr:bob");
        Journeys.button(alice, "Transfer").click();
        assertThat(alice.locator(".tab")).hasCount(0);
        assertThat(customer.locator(".voice-state")).hasText("On the call with Bob Okafor");
        assertThat(customer.locator(".voice .meter")).hasText(new String[] {"You", "Bob Okafor"});
        assertThat(call(bob)).hasText("Hang up");
        assertThat(bob.locator(".session-panel:visible .voice-state")).hasText("On the call with the customer");
    }

    /**
     * The customer waits (no "Call the agent" yet), Alice accepts, the customer calls her, her console rings and she
     * answers: both hear each other, each sees the other's labelled meter and the call's time.
     */
    private Page aliceTakesACallFromTheCustomer(Page alice) {
        Page customer = browser.page();
        Journeys.startChat(customer, base);
        assertThat(customer.locator(".status")).hasText("Waiting for an agent…");
        assertThat(call(customer)).isHidden();
        alice.locator(".offer").getByText("Accept").click();
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin");
        assertThat(call(customer)).hasText("Call the agent");
        call(customer).click();

        assertThat(alice.locator(".session-panel:visible .voice-state")).hasText("The customer started a call");
        assertThat(alice.locator(".session-panel:visible .voice")).hasAttribute("data-ringing", "true");
        assertThat(call(alice)).hasText("Join the call");
        call(alice).click();
        assertThat(customer.locator(".voice-state")).hasText("On the call with Alice Martin");
        hearsTheCall(customer);
        hearsTheCall(alice);
        heardOn(customer, "Alice Martin");
        assertThat(customer.locator(".voice .meter")).hasText(new String[] {"You", "Alice Martin"});
        assertThat(customer.locator(".voice .call-timer")).hasText(Pattern.compile("0:\\d\\d"));
        return customer;
    }

    /** The meter labelled with this name on the widget's call moves: what that person says is heard. */
    private static void heardOn(Page customer, String name) {
        customer.waitForFunction("name => [...document.querySelector('parley-widget').shadowRoot"
                + ".querySelectorAll('.voice .meter')].find(meter => meter.textContent === name)"
                + "?.querySelector('meter').value > 0", name);
    }

    /** The call button of the widget, or of the console's conversation in front. */
    private static Locator call(Page page) {
        return page.locator("parley-widget .voice .call, .session-panel:visible .voice .call");
    }

    /**
     * The page receives the call's frames and plays sound from them (waited for: under load the first frames may
     * still be decoding when the 25th arrives).
     */
    private static void hearsTheCall(Page page) {
        page.waitForFunction("() => { const voice = document.querySelector('parley-widget')?.shadowRoot"
                + ".querySelector('.voice') ?? document.querySelector('.session-panel:not([hidden]) .voice');"
                + " return Number(voice?.dataset.framesReceived ?? 0) > 25"
                + " && Number(voice?.dataset.heardEnergy ?? 0) > 0; }");
    }
}
