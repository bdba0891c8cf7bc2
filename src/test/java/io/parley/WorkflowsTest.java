package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub workflow parses, has the jobs the project relies on, and every script, Dockerfile and build
 * context it names exists in the repository, so a rename cannot break CI unnoticed.
 */
class WorkflowsTest {

    private static final Path WORKFLOW = Path.of(".github", "workflows", "ci.yml");

    @Test
    void theWorkflowRunsTheReadmeCommandThenNativeThenImages() throws IOException {
        Map<String, Object> ci = load(WORKFLOW);
        // SnakeYAML reads the key "on" as the boolean true.
        Map<String, Object> on = map(ci.containsKey("on") ? ci.get("on") : ci.get(true));
        assertThat(on).containsKeys("push", "pull_request");
        assertThat(map(ci.get("permissions"))).containsEntry("contents", "read");
        assertThat(map(ci.get("concurrency"))).containsEntry("cancel-in-progress", true);

        Map<String, Object> jobs = map(ci.get("jobs"));
        assertThat(jobs).containsKeys("jvm", "native", "images");
        assertThat(runs(jobs.get("jvm"))).contains("bin/test");
        assertThat(String.join("\n", runs(jobs.get("jvm")))).as("the format check runs on both builds, first")
                .containsSubsequence("process-sources", "-f cli/pom.xml process-sources", "bin/test");
        assertThat(Files.readString(Path.of(".ci", "run"))).as("CI and the README run the same command")
                .contains("bin/test");
        assertThat(Files.readString(Path.of("README.md"))).contains("bin/test     # runs every test");

        Map<String, Object> nativeJob = map(jobs.get("native"));
        assertThat(nativeJob.get("needs")).isEqualTo("jvm");
        assertThat(uses(nativeJob)).contains("graalvm/setup-graalvm@v1");
        assertThat(String.join("\n", runs(nativeJob))).contains("-Dnative", "-Dit.test=", "-f cli/pom.xml",
                "docker build -f src/main/docker/Dockerfile.native", "-Dquarkus.http.test-host=localhost");
        Map<String, Object> images = map(jobs.get("images"));
        assertThat(images.get("needs")).isEqualTo("native");
        assertThat((String) images.get("if")).contains("refs/tags/v");
        assertThat(map(images.get("permissions"))).containsEntry("packages", "write");

        for (Object job : jobs.values()) {
            for (Map<String, Object> step : steps(job)) {
                if (String.valueOf(step.get("uses")).startsWith("actions/upload-artifact")
                        && String.valueOf(step.get("name")).startsWith("Test reports")) {
                    assertThat(step.get("if")).as("test reports are kept even when tests fail").isEqualTo("always()");
                }
            }
        }
    }

    @Test
    void everythingTheWorkflowNamesExists() throws IOException {
        Map<String, Object> jobs = map(load(WORKFLOW).get("jobs"));
        List<Path> named = new ArrayList<>();
        for (Object job : jobs.values()) {
            for (String run : runs(job)) {
                for (String word : run.split("\\s+")) {
                    if (word.startsWith("bin/") || word.startsWith("k8s/") || word.equals("./mvnw")
                            || word.endsWith("pom.xml") || word.contains("Dockerfile")) {
                        named.add(Path.of(word));
                    }
                    if (word.startsWith("-Dit.test=")) {
                        // Each integration test suite the native job runs is a class of this build.
                        for (String suite : word.substring("-Dit.test=".length()).split(",")) {
                            named.add(testClass(suite));
                        }
                    }
                }
            }
            for (Map<String, Object> step : steps(job)) {
                Map<String, Object> with = map(step.getOrDefault("with", Map.of()));
                for (String key : List.of("file", "context")) {
                    if (with.get(key) != null) {
                        named.add(Path.of((String) with.get(key)));
                    }
                }
            }
        }
        assertThat(named).contains(Path.of("bin/test"), Path.of("src/main/docker/Dockerfile.native"),
                Path.of("cli/Dockerfile"));
        assertThat(named).allSatisfy(path -> assertThat(path).exists());
        for (String dockerfile : List.of("src/main/docker/Dockerfile.jvm", "src/main/docker/Dockerfile.native",
                "cli/Dockerfile")) {
            String text = Files.readString(Path.of(dockerfile));
            assertThat(text).as(dockerfile + " runs as a non-root user").containsPattern("(?m)^USER (185|1001)$");
            assertThat(text).as(dockerfile + " says how it is checked").contains("HEALTHCHECK");
        }
    }

    private static Path testClass(String simpleName) {
        try (Stream<Path> walk = Files.walk(Path.of("src", "test", "java"))) {
            return walk.filter(file -> file.getFileName().toString().equals(simpleName + ".java")).findFirst()
                    .orElse(Path.of("src", "test", "java", "(no class " + simpleName + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Object job) {
        return (List<Map<String, Object>>) map(job).get("steps");
    }

    private static List<String> runs(Object job) {
        return steps(job).stream().filter(step -> step.get("run") != null).map(step -> (String) step.get("run"))
                .toList();
    }

    private static List<String> uses(Map<String, Object> job) {
        return steps(job).stream().filter(step -> step.get("uses") != null).map(step -> (String) step.get("uses"))
                .toList();
    }
}
