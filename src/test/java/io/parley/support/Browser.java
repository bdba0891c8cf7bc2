package io.parley.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ScreenshotCaret;

/**
 * The system's Chromium, driven by Playwright: headless, with fake media devices (a microphone that
 * beeps) and autoplay allowed, so voice can be tested without a person. Every actor of a test (a
 * customer, a console) gets its own context: its own storage, as on separate machines.
 */
public final class Browser implements AutoCloseable {

    /** Where Debian's chromium package puts the browser; {@code bin/test} installs it when missing. */
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PARLEY_CHROMIUM", "/usr/bin/chromium"));
    /** Pictures of what users get, linked from the README. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** A page-push pointer frame, and a line of the page-push log that counts a run of them. */
    private static final Pattern POINTER = Pattern.compile("(sent|received) \\{\"type\":\"pointer\".*");
    private static final Pattern RUN = Pattern.compile("\\d+ ms (\\d+) × (.*)");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final Map<Page, List<String>> pagePushFrames = new HashMap<>();
    private final List<String> policyViolations = new CopyOnWriteArrayList<>();
    private final List<Predicate<String>> provoked = new CopyOnWriteArrayList<>();
    private final long started = System.nanoTime();

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    public static Browser launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: bin/test installs Debian's chromium package "
                    + "(apt-get install chromium), or set PARLEY_CHROMIUM to a Chromium executable");
        }
        // Two cores run the service, Chromium and up to four pages at once: assertions wait up to ten seconds.
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                        "--autoplay-policy=no-user-gesture-required"))));
    }

    /** A new actor with its own storage, on a desktop-sized window. */
    public Page page() {
        return page(1280, 900);
    }

    public Page page(int width, int height) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setPermissions(List.of("microphone")));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        // The browser's errors end up in the test output, where a failing test's reader looks.
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) || "warning".equals(message.type())) {
                System.out.printf("[browser %s] %s (%s)%n", message.type(), message.text(), page.url());
            }
            if (message.text().contains("Content Security Policy") && !axeReadsTheWidgetsStyles(message.text(),
                    page.url())) {
                policyViolations.add(message.text() + " (" + page.url() + ")");
            }
        });
        page.onPageError(error -> System.out.printf("[browser page error] %s (%s)%n", error, page.url()));
        List<String> frames = new ArrayList<>();
        pagePushFrames.put(page, frames);
        page.onWebSocket(socket -> {
            if (socket.url().contains("/page-push")) {
                note(frames, "opened on " + page.url());
                socket.onFrameSent(frame -> note(frames, "sent " + frame.text()));
                socket.onFrameReceived(frame -> note(frames, "received " + frame.text()));
                socket.onClose(closed -> note(frames, "closed"));
            }
        });
        return page;
    }

    /**
     * What the page's page-push connections sent and received, in order with milliseconds since launch, for a
     * failure message: a run of pointer frames is one line with its count.
     */
    public String pagePushLog(Page page) {
        return String.join("\n  ", pagePushFrames.getOrDefault(page, List.of()));
    }

    private void note(List<String> frames, String what) {
        String at = (System.nanoTime() - started) / 1_000_000 + " ms ";
        Matcher pointer = POINTER.matcher(what);
        if (!pointer.matches()) {
            frames.add(at + what);
            return;
        }
        String kind = pointer.group(1) + " pointer";
        Matcher run = frames.isEmpty() ? null : RUN.matcher(frames.getLast());
        if (run != null && run.matches() && run.group(2).equals(kind)) {
            frames.set(frames.size() - 1, at + (Integer.parseInt(run.group(1)) + 1) + " × " + kind);
        } else {
            frames.add(at + "1 × " + kind);
        }
    }

    /** What the pages' Content-Security-Policy refused since the actors were last closed (nothing, we hope). */
    public List<String> policyViolations() {
        return policyViolations.stream().filter(refused -> provoked.stream().noneMatch(p -> p.test(refused)))
                .toList();
    }

    /**
     * axe-core reads the stylesheet of the widget's shadow root through an inline {@code @import} of it, which the
     * page's policy refuses: axe's doing, not the page's (the message names the refused style's hash).
     */
    private static boolean axeReadsTheWidgetsStyles(String refusal, String pageUrl) {
        URI page = URI.create(pageUrl);
        String imported = "@import \"" + page.getScheme() + "://" + page.getRawAuthority() + "/css/widget.css\"";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(imported.getBytes(StandardCharsets.UTF_8));
            return refusal.contains("'sha256-" + Base64.getEncoder().encodeToString(hash) + "'");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refusals a test provokes on purpose (the policy doing its work), until the actors are closed. */
    public void expectPolicyViolations(Predicate<String> refusal) {
        provoked.add(refusal);
    }

    /** Closes every actor's context: their pages, and with them their connections to Parley. */
    public void closeActors() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
        pagePushFrames.clear();
        policyViolations.clear();
        provoked.clear();
    }

    /** Saves a screenshot under {@code target/screenshots}. */
    public static void screenshot(Page page, String name) {
        // The caret as it is: hiding it takes an inline style, which the pages' Content-Security-Policy refuses.
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png"))
                .setCaret(ScreenshotCaret.INITIAL));
    }

    /** The serious and critical accessibility violations axe-core finds on the page (shadow roots included). */
    public static List<String> seriousViolations(Page page) {
        AxeResults results = new AxeBuilder(page).analyze();
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Browser::describe)
                .toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
