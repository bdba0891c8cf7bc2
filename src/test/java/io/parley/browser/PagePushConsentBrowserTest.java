package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.parley.support.Parley.presence;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Page push with the customer in control, in a real browser: a push is a line in the customer's chat and asks
 * first on a page where the customer has typed something; the customer stops sharing and shares again; a pushed
 * anchor moves the preview, not the console; the agent's pointer lands on the element the agent points at.
 */
@QuarkusTest
class PagePushConsentBrowserTest extends InABrowser {

    @BeforeEach
    void onlyAliceServesSales() {
        Parley.reset();
        presence("bob", "away");
        presence("carol", "away");
    }

    @Test
    void aPushIntoAPageWithAHalfFilledFormAsksFirstAndKeepsWhatTheCustomerTyped() {
        Page console = Journeys.signIn(browser.page(), base, "alice");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, console, base);
        push(console, base + "demo/cart.html");
        customer.waitForURL("**/demo/cart.html");
        assertThat(customer.locator(".msg.push-line")).hasText("Alice Martin shows you: Cart");

        customer.locator("#delivery-name").fill("Ada Lovelace");
        customer.locator("#delivery-note").fill("Ring twice, the bell is");
        push(console, base + "demo/grinders.html");
        Locator asking = customer.locator(".msg.push-ask");
        assertThat(asking).containsText("Alice Martin wants to show you: Grinders");
        customer.waitForTimeout(500);
        Assertions.assertThat(customer.url()).as("the half-filled page is not thrown away").endsWith("/demo/cart.html");

        Journeys.button(customer, "Stay here").click();
        assertThat(asking).hasCount(0);
        assertThat(console.locator(".co-browse-state")).containsText("stayed on their page");
        assertThat(customer.locator(".msg.note").last()).hasText("You stayed on this page.");
        assertThat(customer.locator("#delivery-name")).hasValue("Ada Lovelace");
        assertThat(customer.locator("#delivery-note")).hasValue("Ring twice, the bell is");

        push(console, base + "demo/delivery.html");
        assertThat(asking).containsText("wants to show you: Delivery");
        Journeys.button(customer, "Go there").click();
        customer.waitForURL("**/demo/delivery.html");
        assertThat(customer.locator(".msg.push-line")).hasText("Alice Martin shows you: Delivery and returns");
    }

    @Test
    void theCustomerStopsSharingTheAgentsPushesGoNowhereAndSharingAgainLetsThemThrough() {
        Page console = Journeys.signIn(browser.page(), base, "alice");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, console, base);
        push(console, base + "demo/espresso.html");
        customer.waitForURL("**/demo/espresso.html");
        assertThat(customer.locator(".page-push-state")).hasText("Page sharing is on with Alice Martin.");

        Journeys.button(customer, "Stop sharing").click();
        assertThat(customer.locator(".page-push")).hasAttribute("data-sharing", "stopped");
        Locator consent = console.locator(".co-browse-consent");
        assertThat(consent).hasAttribute("data-sharing", "stopped");
        assertThat(consent).containsText("The customer stopped sharing their page");
        assertThat(Journeys.button(console, "Push page")).isDisabled();

        // A console that pushes anyway (its button switched back on) is refused by the server.
        console.locator(".co-browse button[type=submit]").evaluate("push => push.disabled = false");
        push(console, base + "demo/grinders.html");
        assertThat(console.locator(".co-browse-state")).hasAttribute("data-error", "not-shared");
        customer.waitForTimeout(500);
        Assertions.assertThat(customer.url()).endsWith("/demo/espresso.html");

        // Stopped holds on the customer's next page too.
        customer.navigate(base + "demo/index.html");
        assertThat(customer.locator(".page-push")).hasAttribute("data-sharing", "stopped");
        if (!customer.locator(".panel").isVisible()) {
            customer.locator(".launcher").click();
        }
        Journeys.button(customer, "Share my page again").click();
        assertThat(consent).isHidden();
        assertThat(Journeys.button(console, "Push page")).isEnabled();
        push(console, base + "demo/grinders.html");
        customer.waitForURL("**/demo/grinders.html");
    }

    @Test
    void anAgentConferencedInIsNotSharedWithUntilTheCustomerSaysYes() {
        Page alice = Journeys.signIn(browser.page(), base, "alice");
        Page bob = Journeys.signIn(browser.page(), base, "bob");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, alice, base);
        presence("bob", "available");
        String sessionId = (String) customer.evaluate("() => JSON.parse(localStorage.getItem(Object.keys(localStorage)"
                + ".find(key => key.endsWith(':sales')))).sessionId");
        Parley.as("alice").body(Map.of("to", Parley.csr("bob"))).post("/api/sessions/{id}/conference", sessionId)
                .then().statusCode(202);
        Journeys.button(bob, "Accept").click();
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin and Bob Okafor");

        Locator consent = bob.locator(".co-browse-consent");
        assertThat(consent).hasAttribute("data-sharing", "not-asked");
        assertThat(Journeys.button(bob, "Push page")).isDisabled();
        Locator asking = customer.locator(".msg.share-ask");
        assertThat(asking).hasText(Pattern.compile("^Share your page with Bob Okafor too\\?.*"));
        assertThat(asking).hasCount(1); // nobody asks about Alice, who served first
        Journeys.button(customer, "Share my page").click();
        assertThat(consent).isHidden();
        assertThat(customer.locator(".page-push-state")).hasText(Pattern.compile(
                "Page sharing is on with (Alice Martin and Bob Okafor|Bob Okafor and Alice Martin)\\."));
        push(bob, base + "demo/grinders.html");
        customer.waitForURL("**/demo/grinders.html");
        assertThat(customer.locator(".msg.push-line")).hasText("Bob Okafor shows you: Grinders");
    }

    @Test
    void aPushedAnchorScrollsThePreviewButNeverTheConsole() {
        Page console = Journeys.signIn(browser.page(1280, 520), base, "alice");
        Page customer = browser.page();
        Journeys.startAndAccept(customer, console, base);
        Assertions.assertThat(((Number) console.evaluate("() => document.documentElement.scrollHeight"))
                .intValue()).as("the console is taller than its window, so it could scroll").isGreaterThan(520);
        // Where the agent has the console: the push controls in view (so that pushing needs no scroll of its own).
        Journeys.button(console, "Push page").scrollIntoViewIfNeeded();
        int scrolled = ((Number) console.evaluate("() => window.scrollY")).intValue();

        push(console, base + "demo/delivery.html#returns");
        customer.waitForURL("**/demo/delivery.html#returns");
        assertThat(console.locator(".preview")).hasAttribute("src", Pattern.compile(".*/demo/delivery\\.html"));
        console.frameLocator(".preview").locator("#returns").waitFor();
        console.waitForTimeout(500);
        Assertions.assertThat(((Number) console.evaluate("() => window.scrollY")).intValue())
                .as("the console stays where the agent had it").isEqualTo(scrolled);
        Assertions.assertThat(((Number) console.frameLocator(".preview").locator("#returns")
                .evaluate("heading => heading.getBoundingClientRect().top")).doubleValue())
                .as("the preview shows the anchor").isBetween(-1.0, 260.0);
    }

    @Test
    void theAgentsPointerLandsOnTheElementPointedAtOnAPageLaidOutOtherwise() {
        Page console = Journeys.signIn(browser.page(), base, "alice");
        // The customer's wide window shows the machines side by side; the console's narrow preview one under another.
        Page customer = browser.page(1280, 900);
        Journeys.startAndAccept(customer, console, base);
        push(console, base + "demo/espresso.html");
        customer.waitForURL("**/demo/espresso.html");
        Locator pointedAt = console.frameLocator(".preview").locator("#compact h2");
        pointedAt.scrollIntoViewIfNeeded();

        Locator dot = customer.locator(".agent-pointer");
        for (int move = 0; move < 40 && dot.count() == 0; move++) {
            pointedAt.hover(new Locator.HoverOptions().setPosition(10 + move % 5, 8));
            customer.waitForTimeout(250);
        }
        pointedAt.hover(new Locator.HoverOptions().setPosition(12, 8));
        customer.waitForTimeout(500);
        @SuppressWarnings("unchecked")
        List<Number> spot = (List<Number>) customer.evaluate("() => { const dot = document.querySelector("
                + "'parley-widget').shadowRoot.querySelector('.agent-pointer'); const box = document.querySelector("
                + "'#compact h2').getBoundingClientRect(); return [parseFloat(dot.style.left) - scrollX - box.left,"
                + " parseFloat(dot.style.top) - scrollY - box.top, box.width, box.height]; }");
        Assertions.assertThat(spot.get(0).doubleValue()).as("across the element: %s", spot)
                .isBetween(0.0, spot.get(2).doubleValue());
        Assertions.assertThat(spot.get(1).doubleValue()).as("down the element: %s", spot)
                .isBetween(0.0, spot.get(3).doubleValue());
    }

    /** The agent pushes a page to the customer from the console. */
    private static void push(Page console, String page) {
        console.getByLabel("Page to show the customer").fill(page);
        Journeys.button(console, "Push page").click();
    }
}
