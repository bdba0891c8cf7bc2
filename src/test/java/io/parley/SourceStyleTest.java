package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What the formatter leaves to us. The build formats nothing itself: formatter-maven-plugin checks the Java
 * format (src/build/eclipse-format.xml) and impsort-maven-plugin the import groups, and both fail the build.
 * This test adds what they cannot see: no wildcard imports and no line longer than 120 characters in Java
 * (the formatter cannot break a long string), and spaces, no trailing whitespace and a final newline in every
 * other text file of the service and the CLI (pages, scripts, styles, configuration, migrations).
 */
class SourceStyleTest {

    private static final List<Path> ROOTS = List.of(Path.of("src"), Path.of("cli", "src"), Path.of("bin"),
            Path.of("k8s"), Path.of(".github"));
    private static final Set<String> TEXT = Set.of("java", "js", "css", "html", "yaml", "yml", "sql", "properties",
            "xml", "sh", "json", "md");
    private static final int MAX_LINE = 120;

    @Test
    void everySourceFileKeepsTheHouseStyle() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files = textFiles();
        assertThat(files).as("Java sources found from " + Path.of("").toAbsolutePath())
                .anyMatch(file -> file.toString().endsWith(".java"));
        for (Path file : files) {
            String text = Files.readString(file);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                problems.add(file + ": no final newline");
            }
            boolean java = file.toString().endsWith(".java");
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String at = file + ":" + (i + 1) + ": ";
                if (line.contains("\t")) {
                    problems.add(at + "a tab");
                }
                if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                    problems.add(at + "trailing whitespace");
                }
                if (java && line.length() > MAX_LINE) {
                    problems.add(at + "longer than " + MAX_LINE + " characters");
                }
                if (java && line.startsWith("import ") && line.endsWith(".*;")) {
                    problems.add(at + "a wildcard import");
                }
            }
        }
        assertThat(problems).as("style problems").isEmpty();
    }

    private static List<Path> textFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : ROOTS) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).filter(SourceStyleTest::isText).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && TEXT.contains(name.substring(dot + 1)) || file.startsWith("bin");
    }
}
