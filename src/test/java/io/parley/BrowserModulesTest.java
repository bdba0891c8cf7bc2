package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The pure parts of the browser code (for example the console's sign-in, which keeps a token and never a
 * password) have their own tests, {@code src/test/js/*.test.mjs}, run here with {@code node --test} where
 * Node.js is installed (it is not needed to build).
 */
class BrowserModulesTest {

    @Test
    void theBrowserModulesUnitTestsPassWhereNodeIsInstalled() throws Exception {
        Optional<Path> node = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "node")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(node.isPresent(), "node is not installed");
        assertThat(Path.of("src", "test", "js")).isDirectory();
        Process run = new ProcessBuilder(node.get().toString(), "--test", "src/test/js/").redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as("node --test src/test/js/:%n%s", output).isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
    }
}
