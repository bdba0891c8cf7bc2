package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The house style that a formatter would keep, checked on every Java file of the service and the CLI:
 * imports in groups (static; java and javax; jakarta; org; com; the rest) sorted within each group and
 * separated by one blank line, no wildcard imports, spaces not tabs, no trailing whitespace, a final newline,
 * lines of at most 120 characters.
 */
class SourceStyleTest {

    private static final List<Path> ROOTS = List.of(Path.of("src"), Path.of("cli", "src"));
    private static final int MAX_LINE = 120;

    @Test
    void everySourceFileKeepsTheHouseStyle() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : javaFiles()) {
            String text = Files.readString(file);
            List<String> lines = text.lines().toList();
            if (!text.endsWith("\n")) {
                problems.add(file + ": no final newline");
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.length() > MAX_LINE) {
                    problems.add(file + ":" + (i + 1) + ": longer than " + MAX_LINE + " characters");
                }
                if (line.contains("\t")) {
                    problems.add(file + ":" + (i + 1) + ": a tab");
                }
                if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                    problems.add(file + ":" + (i + 1) + ": trailing whitespace");
                }
                if (line.startsWith("import ") && !line.startsWith("import static") && line.endsWith(".*;")) {
                    problems.add(file + ":" + (i + 1) + ": a wildcard import");
                }
            }
            List<String> block = importBlock(lines);
            if (!block.equals(ordered(block))) {
                problems.add(file + ": imports out of order; expected\n" + String.join("\n", ordered(block)));
            }
        }
        assertThat(problems).as("style problems").isEmpty();
    }

    private static List<Path> javaFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : ROOTS) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                }
            }
        }
        assertThat(files).as("sources found from " + Path.of("").toAbsolutePath()).isNotEmpty();
        return files;
    }

    /** From the first import to the last, blank lines included. */
    private static List<String> importBlock(List<String> lines) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("import ")) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return first < 0 ? List.of() : lines.subList(first, last + 1);
    }

    private static List<String> ordered(List<String> block) {
        List<String> imports = block.stream().filter(l -> l.startsWith("import ")).distinct()
                .sorted(Comparator.comparingInt(SourceStyleTest::group).thenComparing(SourceStyleTest::name)).toList();
        List<String> out = new ArrayList<>();
        int previous = -1;
        for (String line : imports) {
            int group = group(line);
            if (previous >= 0 && group != previous) {
                out.add("");
            }
            out.add(line);
            previous = group;
        }
        return out;
    }

    private static int group(String line) {
        if (line.startsWith("import static ")) {
            return 0;
        }
        String name = name(line);
        if (name.startsWith("java.") || name.startsWith("javax.")) {
            return 1;
        }
        if (name.startsWith("jakarta.")) {
            return 2;
        }
        if (name.startsWith("org.")) {
            return 3;
        }
        if (name.startsWith("com.")) {
            return 4;
        }
        return 5;
    }

    private static String name(String line) {
        String[] words = line.replace(";", "").trim().split("\\s+");
        return words[words.length - 1];
    }
}
