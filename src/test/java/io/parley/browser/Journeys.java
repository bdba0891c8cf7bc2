package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.parley.support.Parley;

/** What the browser tests do again and again: sign in to the console, start a chat, accept it, write. */
final class Journeys {

    private Journeys() {
    }

    /** Signs the agent in to the console on this page and waits until its offers channel is connected. */
    static Page signIn(Page console, URL base, String agent) {
        console.navigate(base + "console");
        console.getByLabel("User name").fill(agent);
        console.getByLabel("Password").fill(Parley.PASSWORD);
        button(console, "Sign in").click();
        assertThat(console.locator("#connection")).hasAttribute("data-state", "connected");
        return console;
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    /** The customer opens the demo shop's widget and starts a chat. */
    static void startChat(Page customer, URL base) {
        customer.navigate(base + "demo/index.html");
        customer.locator(".launcher").click();
        customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start chat")).click();
    }

    /** The customer starts a chat and the console accepts it; both are connected. */
    static void startAndAccept(Page customer, Page console, URL base) {
        startChat(customer, base);
        console.locator(".offer").getByText("Accept").click();
        assertThat(customer.locator(".status")).hasText(Pattern.compile("You are talking with .+"));
        assertThat(console.locator(".session-panel .leg[data-state=connected]")).hasCount(2);
    }

    /** The agent ends the live conversation shown in the console, and confirms it when asked. */
    static void endConversation(Page console) {
        console.locator(".session-panel:visible").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("End conversation")).click();
        button(console, "End it").click();
    }

    /** The agent writes in the conversation shown in the console, and sends it with Enter. */
    static void agentSays(Page console, String text) {
        Locator input = console.locator(".session-panel:visible textarea");
        input.fill(text);
        input.press("Enter");
    }

    static void say(Page customer, String text) {
        Locator input = customer.locator("parley-widget textarea");
        input.fill(text);
        input.press("Enter");
    }
}
