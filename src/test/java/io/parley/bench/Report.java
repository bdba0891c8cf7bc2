package io.parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** One mode's figures as Markdown: a title, notes and tables; printed and written to {@code target/bench-<mode>.md}. */
final class Report {

    private final String mode;
    private final StringBuilder text = new StringBuilder();

    Report(String mode, String title) {
        this.mode = mode;
        text.append("## ").append(mode).append(": ").append(title).append("\n\n");
    }

    /** Commit, JDK, cores and time of this run, for the first line of every report. */
    static String header() {
        String commit = ProcStats.run("git", "rev-parse", "--short", "HEAD").trim();
        String service = ProcStats.run("git", "log", "-1", "--format=%h", "--", "src/main", "pom.xml").trim();
        String dirty = ProcStats.run("git", "status", "--porcelain", "--untracked-files=no").isBlank() ? ""
                : " (with uncommitted changes)";
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        String load = ProcStats.run("cat", "/proc/loadavg").trim().replaceFirst("^(\\S+ \\S+ \\S+).*", "$1");
        return "Parley bench, commit " + commit + dirty + " (service code as of " + service + "), JDK "
                + Runtime.version() + ", nproc "
                + ProcStats.run("nproc", "--all").trim() + ", " + host + ", load average " + load + " at start, "
                + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    Report note(String line) {
        text.append(line).append("\n\n");
        return this;
    }

    Report columns(String... names) {
        text.append("| ").append(String.join(" | ", names)).append(" |\n|");
        text.append("---|".repeat(names.length)).append("\n");
        return this;
    }

    Report row(List<String> cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
        return this;
    }

    Report end() {
        text.append("\n");
        return this;
    }

    /** A figure: one decimal from 10 up, two below, three below 0.1; blank when unknown (negative). */
    static String num(double value) {
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        String format = value >= 10 ? "%.1f" : value >= 0.1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }

    /** {@code value / base}, as "x1.23"; blank when the base is zero. */
    static String ratio(double value, double base) {
        return base <= 0 || value < 0 ? "" : "x" + num(value / base);
    }

    String text() {
        return text.toString();
    }

    /** Prints the report and writes it, under the run's header line, to {@code target/bench-<mode>.md}. */
    void publish(String header) {
        String all = header + "\n\n" + text;
        System.out.println(all);
        try {
            Files.writeString(Path.of("target", "bench-" + mode + ".md"), all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
