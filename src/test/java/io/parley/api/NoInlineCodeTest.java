package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What the pages' Content-Security-Policy forbids is not in them, so it cannot break them: no inline
 * {@code <script>} (only {@code src} scripts and JSON data blocks), no {@code on*=} handler or {@code style}
 * attribute, no {@code javascript:} URL in any HTML Parley serves (the static pages and the join page), and no
 * {@code eval}, {@code new Function} or HTML strings parsed into the document in its scripts.
 */
class NoInlineCodeTest {

    private static final Path STATIC = Path.of("src", "main", "resources", "META-INF", "resources");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[a-z][^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER_OR_STYLE = Pattern.compile("\\s(on[a-z]+|style)\\s*=",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> UNSAFE_SCRIPT = List.of("eval(", "new Function(", "innerHTML", "outerHTML",
            "insertAdjacentHTML", "document.write", "setAttribute(\"on", "setAttribute(\"style\"", "javascript:");

    @Test
    void noServedHtmlHasInlineScriptHandlersOrStyleAttributes() throws IOException {
        Map<String, String> pages = new TreeMap<>();
        for (Path file : files(".html")) {
            pages.put(file.toString(), Files.readString(file));
        }
        pages.put("the join page", JoinPage.html("Sales", "{\"service\":{\"name\":\"Sales\"}}"));
        pages.put("the join page's error", JoinPage.error("This link has expired", "Ask again.", "link-expired"));
        assertThat(pages).hasSizeGreaterThan(8).containsKey(STATIC.resolve("console/index.html").toString());

        List<String> found = new ArrayList<>();
        pages.forEach((name, html) -> {
            Matcher script = SCRIPT.matcher(html);
            while (script.find()) {
                String attributes = script.group(1);
                boolean external = attributes.matches("(?is).*\\ssrc\\s*=.*") && script.group(2).isBlank();
                boolean data = attributes.matches("(?is).*\\stype\\s*=\\s*\"application/json\".*");
                if (!external && !data) {
                    found.add(name + ": inline script " + script.group().lines().findFirst().orElse(""));
                }
            }
            Matcher tag = TAG.matcher(html);
            while (tag.find()) {
                if (HANDLER_OR_STYLE.matcher(tag.group()).find()) {
                    found.add(name + ": " + tag.group());
                }
            }
            if (html.toLowerCase().contains("javascript:")) {
                found.add(name + ": a javascript: URL");
            }
        });
        assertThat(found).as("what the pages' Content-Security-Policy would block").isEmpty();
    }

    @Test
    void noScriptEvaluatesStringsOrParsesHtmlIntoThePage() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files(".js")) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.trim().startsWith("//") || line.trim().startsWith("*")) {
                    continue;
                }
                for (String unsafe : UNSAFE_SCRIPT) {
                    if (line.contains(unsafe)) {
                        found.add(file + ":" + (i + 1) + ": " + unsafe);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    /** The detector finds what it looks for (so an empty result above means something). */
    @Test
    void theDetectorFindsInlineScriptAndHandlers() {
        String hostile = "<p><button onclick=\"go()\">x</button><script>alert(1)</script>"
                + "<div style=\"color:red\"></div><script type=\"module\" src=\"/a.js\"></script>";
        Matcher script = SCRIPT.matcher(hostile);
        assertThat(script.find()).isTrue();
        assertThat(script.group(2)).isEqualTo("alert(1)");
        assertThat(TAG.matcher(hostile).results().filter(tag -> HANDLER_OR_STYLE.matcher(tag.group()).find())
                .count()).isEqualTo(2);
    }

    private static List<Path> files(String extension) throws IOException {
        try (Stream<Path> walk = Files.walk(STATIC)) {
            return walk.filter(file -> file.toString().endsWith(extension)).sorted().toList();
        }
    }
}
