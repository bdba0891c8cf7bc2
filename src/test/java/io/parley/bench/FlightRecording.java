package io.parley.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JDK Flight Recording of a server ({@code jcmd JFR.start}, the {@code profile} settings: stacks of running
 * threads sampled every few milliseconds), started well before anything is measured (starting one stalls the
 * JVM for a moment), from which windows are written out ({@code JFR.dump begin= end=}) and read back with
 * {@code jfr print}: where the samples fell, by thread group, by the method on top of the stack and by the first of
 * Parley's own methods under it.
 */
final class FlightRecording {

    private final long pid;

    private FlightRecording(long pid) {
        this.pid = pid;
    }

    static FlightRecording start(long pid) {
        ProcStats.run("jcmd", Long.toString(pid), "JFR.start", "name=bench", "settings=profile", "maxage=30m");
        return new FlightRecording(pid);
    }

    /** Writes what was recorded between the two moments to {@code file}. */
    void dump(Instant from, Instant to, Path file) {
        ProcStats.run("jcmd", Long.toString(pid), "JFR.dump", "name=bench", "begin=" + from, "end=" + to,
                "filename=" + file.toAbsolutePath());
    }

    void stop() {
        ProcStats.run("jcmd", Long.toString(pid), "JFR.stop", "name=bench");
    }

    /** The samples of a dumped window counted three ways, the {@code top} largest of each. */
    static String summary(Path file, int top) {
        String printed = ProcStats.run("jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64",
                file.toString());
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> parley = new HashMap<>();
        int samples = 0;
        String thread = null;
        String first = null;
        String ours = null;
        for (String line : printed.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("sampledThread = ")) {
                thread = trimmed.replaceFirst("^sampledThread = \"([^\"]*)\".*", "$1").replaceAll("\\d+", "N");
            } else if (trimmed.startsWith("stackTrace = [")) {
                first = null;
                ours = null;
            } else if (trimmed.equals("]") && thread != null) {
                samples++;
                threads.merge(thread, 1, Integer::sum);
                methods.merge(first == null ? "?" : first, 1, Integer::sum);
                parley.merge(ours == null ? "(none of Parley's)" : ours, 1, Integer::sum);
                thread = null;
            } else if (thread != null && trimmed.contains("line:")) {
                String frame = trimmed.replaceFirst("\\(.*", "");
                if (first == null) {
                    first = frame;
                }
                if (ours == null && frame.startsWith("io.parley.")) {
                    ours = frame;
                }
            }
        }
        return samples + " stack samples\n\nby thread group:\n" + table(threads, samples, top)
                + "\nby the method on top of the stack:\n" + table(methods, samples, top)
                + "\nby the first of Parley's methods in the stack:\n" + table(parley, samples, top);
    }

    private static String table(Map<String, Integer> counts, int samples, int top) {
        List<Map.Entry<String, Integer>> largest = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top).toList();
        return largest.stream().map(e -> String.format("%6d %5.1f %%  %s", e.getValue(),
                100.0 * e.getValue() / Math.max(1, samples), e.getKey())).collect(Collectors.joining("\n")) + "\n";
    }
}
