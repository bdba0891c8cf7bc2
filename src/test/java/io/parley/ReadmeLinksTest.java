package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** What the README points at in the repository is there (its pictures, scripts and files). */
class ReadmeLinksTest {

    /** A Markdown link's target, without a {@code #fragment}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(#[^)\\s]*)?\\)");

    @Test
    void everyFileTheReadmeLinksToIsInTheRepository() throws IOException {
        List<String> local = new ArrayList<>();
        Matcher link = LINK.matcher(Files.readString(Path.of("README.md")));
        while (link.find()) {
            String target = link.group(1);
            if (!target.contains("://") && !target.startsWith("mailto:") && !target.startsWith("target/")) {
                local.add(target);
            }
        }
        assertThat(local).as("the README's pictures").anyMatch(target -> target.endsWith(".png"));
        assertThat(local).allSatisfy(target -> assertThat(Path.of(target)).as(target).exists());
    }
}
