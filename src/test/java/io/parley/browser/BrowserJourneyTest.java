package io.parley.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.parley.support.Parley.presence;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;

import io.parley.support.Browser;
import io.parley.support.Parley;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What customers and CSRs see, in a real browser: the widget on the demo shop, the console, and the
 * conversation between them over the real WebSocket channels.
 */
@QuarkusTest
class BrowserJourneyTest extends InABrowser {

    @BeforeEach
    void onlyAliceServesSales() {
        Parley.reset();
        presence("bob", "away");
        presence("carol", "away");
    }

    @Test
    void customerWaitsIsOfferedChatsBothWaysAndKeepsTheConversationOnReload() {
        presence("alice", "away");
        Page console = signIn("alice");
        Page customer = browser.page();
        customer.navigate(base + "demo/index.html");
        customer.locator(".launcher").click();
        customer.getByLabel("Pricing").check();
        customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start chat")).click();
        assertThat(customer.locator(".queue")).containsText("You are number 1 in line");

        console.locator("#presence").selectOption("available");
        Locator offer = console.locator(".offer");
        assertThat(offer).containsText("New conversation: Sales");
        assertThat(offer.locator(".countdown")).containsText("s left to answer");
        Browser.screenshot(console, "console-offer");
        offer.getByText("Accept").click();
        assertThat(console.locator(".tab")).hasCount(1);
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin");
        assertThat(console.locator(".session-panel .leg[data-state=connected]")).hasCount(2);

        say(customer, "Is the Lever One in stock?");
        assertThat(console.locator(".session-panel .chat-log")).containsText("Is the Lever One in stock?");
        assertThat(customer.locator(".msg.own[data-delivery=read]")).hasCount(1);
        console.locator(".session-panel textarea").pressSequentially("Yes, ");
        assertThat(customer.locator(".typing")).hasText("The agent is typing…");
        console.locator(".session-panel textarea").pressSequentially("two left.");
        console.locator(".session-panel textarea").press("Enter");
        assertThat(customer.locator(".msg.other")).containsText("Yes, two left.");
        assertThat(console.locator(".session-panel .chat-log .msg.own .delivery")).hasText("Read");
        Browser.screenshot(customer, "widget-chat");
        Browser.screenshot(console, "console-chat");
        Assertions.assertThat(Browser.seriousViolations(customer)).as("widget accessibility").isEmpty();
        Assertions.assertThat(Browser.seriousViolations(console)).as("console accessibility").isEmpty();

        customer.reload();
        assertThat(customer.locator(".chat-log")).containsText("Is the Lever One in stock?");
        assertThat(customer.locator(".msg.own[data-delivery=read]")).hasCount(1); // read, after a reload too
        assertThat(customer.locator(".chat-log")).containsText("Yes, two left.");
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin");
        say(customer, "Great, I'll take it");
        assertThat(console.locator(".session-panel .chat-log")).containsText("Great, I'll take it");
        Assertions.assertThat(customer.locator(".msg.other").count()).isEqualTo(1);

        console.reload();
        assertThat(console.locator(".tab")).hasCount(1);
        assertThat(console.locator(".session-panel .chat-log")).containsText("Great, I'll take it");
    }

    @Test
    void theConsoleSendsThePasswordOnceKeepsOnlyATokenAndSigningOutRevokesAndDropsIt() {
        Page console = browser.page();
        // In the order the requests were made: allHeaders() asks the browser, and the next request's event can be
        // handled while it waits, so a request is numbered before its headers are read.
        AtomicInteger made = new AtomicInteger();
        SortedMap<Integer, String> sent = new ConcurrentSkipListMap<>();
        List<String> deletes = new CopyOnWriteArrayList<>();
        console.onRequest(request -> {
            int order = made.getAndIncrement();
            String authorization = request.allHeaders().get("authorization");
            if (authorization != null) {
                sent.put(order, URI.create(request.url()).getPath() + " " + authorization.split(" ")[0]);
                if (request.method().equals("DELETE")) {
                    deletes.add(URI.create(request.url()).getPath());
                }
            }
        });
        Supplier<List<String>> authorizations = () -> List.copyOf(sent.values());
        signIn(console, "alice");
        String basic = Base64.getEncoder().encodeToString(("alice:" + Parley.PASSWORD).getBytes(UTF_8));
        String kept = (String) console.evaluate("() => JSON.stringify([Object.values(sessionStorage), "
                + "Object.values(localStorage), document.cookie])");
        Assertions.assertThat(kept).contains("token").doesNotContain(Parley.PASSWORD, basic);
        List<String> signedIn = authorizations.get();
        Assertions.assertThat(signedIn).first().isEqualTo("/api/tokens/console Basic");
        Assertions.assertThat(signedIn.subList(1, signedIn.size())).isNotEmpty()
                .allMatch(request -> request.endsWith(" Bearer"));

        console.reload();
        assertThat(console.locator("#connection")).hasAttribute("data-state", "connected");
        String token = (String) console.evaluate("() => JSON.parse(sessionStorage.getItem('parley-console')).token");
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(console.getByLabel("User name")).isVisible();
        Assertions.assertThat(console.evaluate("() => sessionStorage.length")).isEqualTo(0);
        // Revoked on the server before it was forgotten: a copy taken from the tab is refused too.
        Assertions.assertThat(deletes).containsExactly("/api/tokens/console");
        RestAssured.given().auth().oauth2(token).get("/api/agents/alice").then().statusCode(401);
        console.reload();
        assertThat(console.getByLabel("User name")).isVisible();
        Assertions.assertThat(authorizations.get()).filteredOn(request -> request.endsWith(" Basic")).hasSize(1);
    }

    @Test
    void anOperatorSigningTheAgentOutTakesItsConsoleBackToTheSignInFormSayingWhy() {
        Page bob = signIn("bob");
        presence("bob", "offline");
        assertThat(bob.getByLabel("User name")).isVisible();
        assertThat(bob.locator("#sign-in-problem")).containsText("signed out by operator operator");
        Assertions.assertThat(bob.evaluate("() => sessionStorage.getItem('parley-console')")).isNull();
        signIn(bob, "bob");
        assertThat(bob.locator("#sign-in-problem")).isHidden();
    }

    @Test
    void signingInToTheConsolePutsAnOfflineAgentOnDuty() {
        presence("carol", "offline");
        Page carol = signIn("carol");
        assertThat(carol.locator("#presence")).hasValue("available");
        assertThat(carol.locator("#agent-state")).hasText("Available");
        // An agent who is away stays away: that is a choice, not the end of a shift.
        presence("bob", "away");
        assertThat(signIn("bob").locator("#presence")).hasValue("away");
    }

    @Test
    void widgetFitsANarrowPhoneScreen() {
        Page phone = browser.page(375, 720);
        phone.navigate(base + "demo/grinders.html");
        phone.locator(".launcher").click();
        Locator panel = phone.locator(".panel");
        assertThat(panel).isVisible();
        Assertions.assertThat(panel.boundingBox().width).isLessThanOrEqualTo(375);
        assertThat(phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start chat"))).isInViewport();
        Browser.screenshot(phone, "widget-phone");
        Assertions.assertThat(Browser.seriousViolations(phone)).as("widget accessibility on a phone").isEmpty();
    }

    @Test
    void pagePushTakesTheCustomerAlongAndAJavascriptUrlNeverArrives() {
        Page console = signIn("alice");
        Page customer = browser.page();
        showEspresso(customer, console);
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin");
        assertThat(console.locator(".preview")).hasAttribute("src", Pattern.compile(".*/demo/espresso\\.html"));

        // A click in the preview points the element out on the customer's page.
        console.frameLocator(".preview").locator("#dual-boiler-pro h2").click();
        assertThat(customer.locator("#dual-boiler-pro h2")).hasCSS("outline-style", "solid");
        assertThat(console.locator(".co-browse-state")).hasText("Pointed out to the customer.");
        Assertions.assertThat(customer.url()).as("a click in the preview follows no link")
                .endsWith("/demo/espresso.html");

        console.getByLabel("Page to show the customer").fill("javascript:alert(document.cookie)");
        console.locator(".co-browse").evaluate("form => form.querySelector('input').type = 'text'");
        button(console, "Push page").click();
        assertThat(console.locator(".co-browse-state")).hasAttribute("data-error", "url-not-allowed");
        assertThat(console.locator(".co-browse-state")).containsText("only http and https pages");
        customer.waitForTimeout(500);
        Assertions.assertThat(customer.url()).endsWith("/demo/espresso.html");
        assertThat(console.locator(".preview")).isVisible(); // the refused push leaves the preview as it was
        assertThat(console.locator(".preview")).hasAttribute("src", Pattern.compile(".*/demo/espresso\\.html"));

        push(console, "https://elsewhere.example/");
        assertThat(console.locator(".co-browse-state")).containsText("elsewhere.example");
        assertThat(console.locator(".preview")).hasAttribute("src", Pattern.compile(".*/demo/espresso\\.html"));
        Assertions.assertThat(customer.url()).endsWith("/demo/espresso.html");
        // Shown at once, before the server's refusal: the console's policy refuses to frame that origin anyway.
        browser.expectPolicyViolations(refused -> refused.startsWith("Framing 'https://elsewhere.example/'"));
        Browser.screenshot(console, "console-page-push");
    }

    @Test
    void onAPhoneAPushedPageIsShownWithTheChatMinimised() {
        Page console = signIn("alice");
        Page phone = browser.page(375, 720);
        startAndAccept(phone, console);
        assertThat(phone.locator(".panel")).isVisible();
        push(console, base + "demo/espresso.html");
        phone.waitForURL("**/demo/espresso.html");
        assertThat(phone.locator(".launcher")).hasText("Your conversation");
        assertThat(phone.locator(".panel")).isHidden();
        phone.locator(".launcher").click();
        assertThat(phone.locator(".status")).hasText("You are talking with Alice Martin");
    }

    @Test
    void theLeadersScrollAndPointerAreFollowedAndTheCustomerCanTakeTheLead() {
        Page console = signIn("alice");
        Page customer = browser.page(1000, 420);
        showEspresso(customer, console);
        Locator state = console.locator(".co-browse-state");
        assertThat(state).hasAttribute("data-leading", "true");

        FrameLocator preview = console.frameLocator(".preview");
        assertThat(preview.locator("#dual-boiler-pro h2")).isVisible();
        // The preview sends its scrolling once it has loaded; the customer's page follows (it learns the last
        // position when it connects later). Scrolled again until the preview has started listening.
        for (int attempt = 0; attempt < 20
                && ((Number) customer.evaluate("() => window.scrollY")).intValue() == 0; attempt++) {
            preview.locator("html").evaluate("root => { const view = root.ownerDocument.defaultView;"
                    + " view.scrollTo(0, view.scrollY > 0 ? 0 : root.scrollHeight); }");
            customer.waitForTimeout(300);
        }
        customer.waitForFunction("() => window.scrollY > 0");
        preview.locator("#dual-boiler-pro h2").hover();
        assertThat(customer.locator(".agent-pointer")).isAttached();

        customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show the agent my page")).click();
        assertThat(state).containsText("leads: the preview follows their pages");
        assertThat(state).hasAttribute("data-leading", "false");
        customer.navigate(base + "demo/grinders.html");
        assertThat(console.locator(".preview")).hasAttribute("src", Pattern.compile(".*/demo/grinders\\.html"));
        assertThat(state).containsText("leads: the preview follows their pages");
        assertThat(customer.locator(".page-push")).hasAttribute("data-leading", "true");
        // The customer's pointer is sent once its page has reconnected page push, and drawn once the preview
        // has loaded: moved until it shows (a busy machine takes longer for both; seen taking over 5 s).
        Locator pointer = preview.locator("#parley-customer-pointer");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int move = 0; System.nanoTime() < deadline && pointer.count() == 0; move++) {
            customer.mouse().move(200 + move % 40 * 7, 150 + move % 40 * 3);
            customer.waitForTimeout(250);
        }
        // Seen failing twice in a whole-suite run, never alone: the page-push traffic of both sides says why.
        Assertions.assertThat(pointer.count()).as(() -> "the customer's pointer in the preview; console: "
                + state.textContent() + "\nconsole page push:\n  " + browser.pagePushLog(console)
                + "\ncustomer page push:\n  " + browser.pagePushLog(customer)).isPositive();
    }

    @Test
    void aPushMissedWhileTheCustomersPageLoadedIsCaughtUpButAPageTheCustomerLeftIsNotPushedAgain() {
        Page console = signIn("alice");
        Page customer = browser.page();
        showEspresso(customer, console);

        // The customer wanders off while the agent leads: the next page is told the agent's page, which is
        // not news, and stays where the customer went.
        long caughtUp = catchUps(customer);
        customer.navigate(base + "demo/grinders.html");
        customer.waitForCondition(() -> catchUps(customer) > caughtUp);
        customer.waitForTimeout(1000);
        Assertions.assertThat(customer.url()).endsWith("/demo/grinders.html");

        // The agent pushes while the customer's next page is still connecting (held back here until then).
        AtomicReference<WebSocketRoute> held = new AtomicReference<>();
        customer.routeWebSocket(url -> url.contains("/page-push"), held::set);
        customer.navigate(base + "demo/index.html");
        customer.waitForCondition(() -> held.get() != null);
        push(console, base + "demo/delivery.html");
        assertThat(console.locator(".preview")).hasAttribute("src", Pattern.compile(".*/demo/delivery\\.html"));
        held.get().connectToServer();
        customer.waitForURL("**/demo/delivery.html");
    }

    @Test
    void theWidgetWorksOnAnotherOriginsPageWithItsOneTag() {
        // The host site (a test page): opened as 127.0.0.1, another origin than Parley's localhost, it has only
        // the widget's tag, pointing at localhost.
        Page alice = signIn("alice");
        Page customer = browser.page();
        customer.navigate(base.toString().replace("localhost", "127.0.0.1") + "host-site/index.html");
        assertThat(customer.locator("script[src$='/widget.js']")).hasAttribute("src", base + "widget.js");
        customer.locator(".launcher").click();
        customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start chat")).click();
        alice.locator(".offer").getByText("Accept").click();
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin");
        say(customer, "Hello from another site");
        assertThat(alice.locator(".session-panel .chat-log")).containsText("Hello from another site");
        agentSays(alice, "Welcome!");
        assertThat(customer.locator(".msg.other")).containsText("Welcome!");
        customer.reload(); // the conversation is kept in the host site's storage
        assertThat(customer.locator(".chat-log")).containsText("Welcome!");
    }

    @Test
    void anAgentInsertsACannedReplyWithASlashAndKeepsAPrivateNoteFromTheCustomer() {
        Page console = signIn("alice");
        Page customer = browser.page();
        startAndAccept(customer, console);

        Locator input = console.locator(".session-panel:visible textarea");
        input.pressSequentially("/gre");
        Locator suggestions = console.locator(".session-panel:visible .reply-suggestions [role=option]");
        assertThat(suggestions).hasCount(1);
        assertThat(suggestions.first()).containsText("/greeting");
        Browser.screenshot(console, "console-canned-reply");
        input.press("Enter");
        assertThat(input).hasValue("Hello, thanks for contacting Sales! How can I help you today?");
        assertThat(suggestions).hasCount(0);
        input.press("Enter");
        assertThat(customer.locator(".msg.other")).containsText("thanks for contacting Sales");

        Locator noteSwitch = console.locator(".session-panel:visible .note-switch input");
        noteSwitch.check();
        agentSays(console, "Seems in a hurry; offer express delivery");
        assertThat(console.locator(".session-panel:visible .msg.private-note")).containsText("Note · staff only");
        noteSwitch.uncheck();
        agentSays(console, "Anything else I can do?");
        assertThat(customer.locator(".msg.other").last()).containsText("Anything else I can do?");
        Assertions.assertThat(customer.locator(".chat-log").textContent()).doesNotContain("hurry");
        Assertions.assertThat(Browser.seriousViolations(console)).as("console accessibility").isEmpty();

        console.locator(".session-panel:visible .earlier summary").click();
        assertThat(console.locator(".session-panel:visible .earlier-list"))
                .containsText("None: this is the customer's first conversation here.");

        console.reload();
        assertThat(console.locator(".session-panel .msg.private-note")).containsText("express delivery");
    }

    @Test
    void anAgentServesTwoConversationsInTabsAndDeclinesAThird() {
        presence("alice", "away");
        Page signInView = browser.page();
        signInView.navigate(base + "console");
        assertThat(signInView.getByLabel("User name")).isVisible();
        Assertions.assertThat(Browser.seriousViolations(signInView)).as("console sign-in accessibility").isEmpty();
        Page alice = signIn("alice");
        Assertions.assertThat(Browser.seriousViolations(alice)).as("console accessibility, no offers").isEmpty();
        Page first = browser.page();
        Page second = browser.page();
        for (Page customer : new Page[] {first, second}) {
            startChat(customer);
            assertThat(customer.locator(".queue")).containsText("in line");
        }
        alice.locator("#presence").selectOption("available");
        Locator offer = alice.locator(".offer");
        assertThat(offer).hasCount(1);
        assertThat(alice).hasTitle("(1) Parley console"); // seen from another browser tab too
        Assertions.assertThat(Browser.seriousViolations(alice)).as("console accessibility, an offer").isEmpty();
        offer.getByText("Accept").click();
        // The longest wait is offered first; the second customer's offer follows.
        assertThat(first.locator(".status")).hasText("You are talking with Alice Martin");
        assertThat(offer).hasCount(1);
        offer.getByText("Accept").click();
        assertThat(alice.locator(".tab")).hasCount(2);
        assertThat(second.locator(".status")).hasText("You are talking with Alice Martin");

        // The second tab is shown; a message in the first marks it as new until alice looks.
        say(first, "Are you still there?");
        assertThat(alice.locator(".tab .unread-mark")).hasCount(1);
        assertThat(alice).hasTitle("(1) Parley console");
        alice.locator(".tab").first().click();
        assertThat(alice.locator(".tab .unread-mark")).hasCount(0);
        assertThat(alice).hasTitle("Parley console");
        assertThat(alice.locator(".session-panel:visible .chat-log")).containsText("Are you still there?");

        Page third = browser.page();
        startChat(third);
        assertThat(offer).hasCount(1);
        offer.getByText("Decline").click();
        assertThat(offer).hasCount(0);
        assertThat(third.locator(".queue")).containsText("You are number 1 in line");
        assertThat(alice.locator(".tab")).hasCount(2);
    }

    @Test
    void voiceFramesFlowBothWaysAndAreHeardAlsoByABrowserThatCannotDecodeOpus() {
        Page console = signIn("alice");
        Page customer = browser.page();
        // The customer's browser has no WebCodecs decoder: it says it plays PCM only, and the agent sends PCM.
        customer.addInitScript("delete window.AudioDecoder;");
        startAndAccept(customer, console);

        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start voice")).click();
        assertThat(customer.locator(".voice .call")).hasText("Join the call");
        customer.locator(".voice .call").click();
        for (Page side : new Page[] {customer, console}) {
            side.waitForFunction("() => Number(document.querySelector('parley-widget')?.shadowRoot"
                    + ".querySelector('.voice')?.dataset.framesReceived ?? document.querySelector('.voice')"
                    + "?.dataset.framesReceived ?? 0) > 25");
        }
        Assertions.assertThat(heardEnergy(customer)).as("customer hears the agent").isPositive();
        Assertions.assertThat(heardEnergy(console)).as("agent hears the customer").isPositive();
        assertThat(console.locator(".session-panel .leg .channel[data-channel=voice].connected")).hasCount(2);
        // The agent's browser encodes Opus, and sends PCM because the customer cannot play Opus.
        assertThat(console.locator(".session-panel .voice")).hasAttribute("data-codec", "opus");
        assertThat(console.locator(".session-panel .voice")).hasAttribute("data-sending", "pcm");
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mute")).click();
        assertThat(customer.locator(".voice-state")).hasText("The other side muted their microphone");
        Browser.screenshot(customer, "widget-voice");
    }

    @Test
    void aConferencedSecondConsoleJoinsTheConversation() {
        Page alice = signIn("alice");
        Page bob = signIn("bob");
        Page customer = browser.page();
        startAndAccept(customer, alice);
        assertThat(bob.locator("#presence")).hasValue("away");
        Locator bobInTheList = alice.locator(".handover select option[value='csr:bob']");
        assertThat(bobInTheList).hasCount(0); // only agents who can take it are listed
        presence("bob", "available");
        assertThat(bob.locator("#presence")).hasValue("available"); // set elsewhere, shown here
        assertThat(bobInTheList).hasCount(1); // the list is live

        alice.locator(".handover select").first().selectOption("csr:bob");
        alice.getByLabel("Note for the other agent (optional)").fill("Asks about burr sizes");
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Conference")).click();
        assertThat(alice.locator(".handover-progress")).hasText("Conference: waiting for Bob Okafor to answer…");
        Locator offer = bob.locator(".offer");
        assertThat(offer.locator("h3")).containsText("Conference request");
        assertThat(offer.locator(".asked-by")).hasText("Alice Martin asks you");
        assertThat(offer.locator(".offer-note")).hasText("Asks about burr sizes");
        Browser.screenshot(bob, "console-handover-offer");
        button(bob, "Accept").click();
        assertThat(bob.locator(".tab")).hasCount(1);
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin and Bob Okafor");
        say(customer, "Hello both");
        assertThat(bob.locator(".session-panel .chat-log")).containsText("Hello both");
        agentSays(bob, "Bob here, I know grinders");
        assertThat(customer.locator(".chat-log")).containsText("Bob here, I know grinders");
        assertThat(alice.locator(".session-panel .chat-log")).containsText("Bob here, I know grinders");
        assertThat(alice.locator(".session-panel .leg")).hasCount(3);
        assertThat(alice.locator(".handover-progress")).hasText("Conference: Bob Okafor joined.");
        assertThat(button(alice, "Call off")).isHidden();
        Browser.screenshot(bob, "console-conference");
    }

    @Test
    void aTransferToASecondConsoleClosesTheFirstConsolesTab() {
        TwoConsoles desk = aliceServesACustomerWhileBobIsAway();
        Page alice = desk.alice();
        Page bob = desk.bob();
        Page customer = desk.customer();
        say(customer, "I need billing help");
        assertThat(alice.locator(".session-panel .chat-log")).containsText("I need billing help");
        presence("bob", "available");

        alice.locator(".handover select").first().selectOption("csr:bob");
        button(alice, "Transfer").click();
        assertThat(bob.locator(".offer h3")).containsText("Transfer");
        assertThat(bob.locator(".offer .earlier")).containsText("I need billing help");
        button(bob, "Accept").click();
        assertThat(bob.locator(".tab")).hasCount(1);
        assertThat(bob.locator(".session-panel .chat-log")).containsText("I need billing help");
        assertThat(alice.locator(".tab")).hasCount(0);
        assertThat(customer.locator(".status")).hasText("You are talking with Bob Okafor");
        agentSays(bob, "Bob from billing here");
        assertThat(customer.locator(".chat-log")).containsText("Bob from billing here");
    }

    @Test
    void aNamedTransferDeclinedIsToldToTheFirstAgentWithTheReason() {
        TwoConsoles desk = aliceServesACustomerWhileBobIsAway();
        Page alice = desk.alice();
        Page bob = desk.bob();
        presence("bob", "available");
        alice.locator(".handover select").first().selectOption("csr:bob");
        button(alice, "Transfer").click();
        bob.getByLabel("Reason if you decline").fill("On a call with a supplier");
        button(bob, "Decline").click();
        assertThat(bob.locator(".offer")).hasCount(0);
        Locator progress = alice.locator(".handover-progress");
        assertThat(progress).hasText("Transfer to Bob Okafor did not go ahead: Bob Okafor declined: On a call with "
                + "a supplier. The conversation stays with you.");
        assertThat(alice.locator(".session-panel .chat-log")).containsText("Bob Okafor declined");
        assertThat(button(alice, "Transfer")).isEnabled();
        assertThat(bob.locator(".tab")).hasCount(0);
        agentSays(alice, "Still with you");
        assertThat(desk.customer().locator(".chat-log")).containsText("Still with you");
    }

    @Test
    void anAgentCallsOffATransferToASubjectAndTheOfferedAgentsOfferGoes() {
        TwoConsoles desk = aliceServesACustomerWhileBobIsAway();
        Page alice = desk.alice();
        Locator callOff = button(alice, "Call off");
        assertThat(callOff).isHidden();

        alice.locator(".handover select").first().selectOption("subject:orders");
        button(alice, "Transfer").click();
        Locator progress = alice.locator(".handover-progress");
        assertThat(progress).hasText("Transfer: looking for whoever handles orders — nobody free yet");
        assertThat(button(alice, "Transfer")).isDisabled();
        presence("bob", "available");
        assertThat(desk.bob().locator(".offer")).hasCount(1);
        assertThat(progress).containsText("offered to Bob Okafor");
        Browser.screenshot(alice, "console-handover");

        callOff.click();
        assertThat(progress).hasText("Transfer to whoever handles orders called off by Alice Martin.");
        assertThat(desk.bob().locator(".offer")).hasCount(0);
        assertThat(callOff).isHidden();
        assertThat(button(alice, "Transfer")).isEnabled();
        assertThat(desk.customer().locator(".status")).hasText("You are talking with Alice Martin");
        agentSays(alice, "I will sort the order out myself");
        assertThat(desk.customer().locator(".chat-log")).containsText("I will sort the order out myself");
    }

    @Test
    void aCustomerInvitedByLinkTalksFromTheJoinPage() {
        Page alice = signIn("alice");
        alice.getByLabel("Service").selectOption("callback");
        alice.getByLabel("Customer reference").fill("ann");
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start and get a link")).click();
        assertThat(alice.locator(".tab")).hasCount(1);
        String link = alice.getByLabel("Send the customer this link").inputValue();
        Assertions.assertThat(link).startsWith(base + "join/");
        // A reload of the console before the customer came shows a fresh link to send again.
        alice.reload();
        assertThat(alice.locator(".tab")).hasCount(1);
        Assertions.assertThat(alice.getByLabel("Send the customer this link").inputValue()).startsWith(base + "join/");

        Page customer = browser.page();
        customer.navigate(link);
        assertThat(customer.locator("h1")).hasText("Call me back");
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin");
        customer.locator("textarea").fill("Thanks for calling back");
        customer.locator("textarea").press("Enter");
        assertThat(alice.locator(".session-panel .chat-log")).containsText("Thanks for calling back");
        agentSays(alice, "You're welcome, Ann");
        assertThat(customer.locator(".chat-log")).containsText("You're welcome, Ann");
        Browser.screenshot(customer, "join-page");
        Assertions.assertThat(Browser.seriousViolations(customer)).as("join page accessibility").isEmpty();

        // The agent shows the customer a page of the shop (Parley's origin): its widget, made for another
        // service, carries this conversation on, with what was said.
        push(alice, base + "demo/espresso.html");
        customer.waitForURL("**/demo/espresso.html");
        assertThat(customer.locator("parley-widget .title")).hasText("Call me back");
        assertThat(customer.locator(".status")).hasText("You are talking with Alice Martin");
        assertThat(customer.locator(".chat-log")).containsText("You're welcome, Ann");
        say(customer, "I see the espresso machines");
        assertThat(alice.locator(".session-panel .chat-log")).containsText("I see the espresso machines");

        // The callback service allows transfers, not conferences: the console offers only what it allows.
        assertThat(alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Conference")))
                .isDisabled();
        assertThat(alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer")
                .setExact(true))).isEnabled();
        // Once it has ended, neither side can start a call in it; a new chat on the shop is with the shop's service.
        Journeys.endConversation(alice);
        assertThat(customer.locator(".status")).hasText("The conversation has ended.");
        assertThat(customer.locator(".voice .call")).isDisabled();
        button(customer, "Start a new chat").click();
        assertThat(customer.locator("parley-widget .title")).hasText("Sales");
        assertThat(button(customer, "Start chat")).isVisible();
        assertThat(alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start voice")))
                .isDisabled();
        assertThat(alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close tab")))
                .isEnabled();
    }

    private Page signIn(String agent) {
        return signIn(browser.page(), agent);
    }

    private Page signIn(Page console, String agent) {
        return Journeys.signIn(console, base, agent);
    }

    /** Alice and bob are signed in to their consoles; alice serves a customer while bob is away. */
    private record TwoConsoles(Page alice, Page bob, Page customer) {
    }

    private TwoConsoles aliceServesACustomerWhileBobIsAway() {
        TwoConsoles desk = new TwoConsoles(signIn("alice"), signIn("bob"), browser.page());
        presence("bob", "away");
        startAndAccept(desk.customer(), desk.alice());
        return desk;
    }

    /** The customer's chat is accepted on the console, and the agent takes the customer to a page of the shop. */
    private void showEspresso(Page customer, Page console) {
        startAndAccept(customer, console);
        push(console, base + "demo/espresso.html");
        customer.waitForURL("**/demo/espresso.html");
    }

    /** How many catch-ups (the leader's page, told late) the page's page push has received. */
    private long catchUps(Page page) {
        return browser.pagePushLog(page).lines().filter(line -> line.contains("received {\"type\":\"navigate\"")
                && line.contains("\"catchUp\":true")).count();
    }

    /** The agent pushes a page to the customer from the console. */
    private static void push(Page console, String page) {
        console.getByLabel("Page to show the customer").fill(page);
        button(console, "Push page").click();
    }

    private static Locator button(Page page, String name) {
        return Journeys.button(page, name);
    }

    private void startAndAccept(Page customer, Page console) {
        Journeys.startAndAccept(customer, console, base);
    }

    private void startChat(Page customer) {
        Journeys.startChat(customer, base);
    }

    private static void agentSays(Page console, String text) {
        Journeys.agentSays(console, text);
    }

    private static void say(Page customer, String text) {
        Journeys.say(customer, text);
    }

    private static double heardEnergy(Page page) {
        Object energy = page.evaluate("() => (document.querySelector('parley-widget')?.shadowRoot"
                + ".querySelector('.voice') ?? document.querySelector('.voice')).dataset.heardEnergy ?? '0'");
        return Double.parseDouble(String.valueOf(energy));
    }
}
