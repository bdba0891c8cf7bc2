package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The browser code's pure parts (framing, timers, state machines) have unit tests of their own under
 * {@code src/test/js}, run by Node's built-in runner ({@code node --test}, no npm dependency). Without Node
 * the test is skipped on a developer's machine and fails in CI, where Node is always present.
 */
class BrowserModulesTest {

    @Test
    void theBrowserModulesPassTheirNodeUnitTests() throws IOException, InterruptedException {
        Path tests = Path.of("src/test/js");
        assertThat(tests).isDirectory();
        Process process;
        try {
            process = new ProcessBuilder("node", "--test", tests.toString()).redirectErrorStream(true).start();
        } catch (IOException noNode) {
            Assumptions.assumeTrue(System.getenv("CI") == null, "node is needed in CI: " + noNode.getMessage());
            Assumptions.abort("node is not installed here");
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("node --test %s:%n%s", tests, output).isZero();
        assertThat(output).contains("# fail 0");
        assertThat(Files.list(tests).filter(file -> file.toString().endsWith(".test.mjs")).count()).isPositive();
    }
}
