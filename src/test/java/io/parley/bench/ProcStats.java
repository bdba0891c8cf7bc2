package io.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the kernel and the JVM say about a process: CPU time used (from {@code /proc/<pid>/stat}), resident
 * memory ({@code /proc/<pid>/status}), heap in use ({@code jcmd <pid> GC.heap_info}: every generation's
 * "total ..., used" summed, whichever collector the JVM chose; after a full collection when asked), and pinning
 * to cores ({@code taskset}).
 */
final class ProcStats {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final double TICKS = 100.0;
    private static final Pattern HEAP_USED = Pattern.compile("total[^\\n]*?used (\\d+)K");

    private ProcStats() {
    }

    /** CPU seconds (user + system) the process has used so far; 0 once it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * For each group of the process's threads, by thread name with its number left out ({@code executor-thread-3}
     * counts as {@code executor-thread-N}; names as the kernel keeps them, 15 characters): seconds on a CPU and
     * seconds runnable but waiting for one, so far ({@code /proc/<pid>/task/<tid>/schedstat}).
     */
    static Map<String, double[]> threadTimes(long pid) {
        Map<String, double[]> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("\\d+", "N");
                    String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    double[] times = byName.computeIfAbsent(name, n -> new double[2]);
                    times[0] += Long.parseLong(sched[0]) / 1e9;
                    times[1] += Long.parseLong(sched[1]) / 1e9;
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // gone
        }
        return byName;
    }

    /** CPU seconds of a process and every process under it now (PostgreSQL's postmaster and backends). */
    static double treeCpuSeconds(long pid) {
        return Stream.concat(Stream.of(pid), ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid)).mapToDouble(ProcStats::cpuSeconds).sum();
    }

    /** Resident set size in KiB. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // gone
        }
        return 0;
    }

    /** Heap in use in KiB, after a full collection if {@code collectFirst}; -1 if jcmd cannot tell. */
    static long heapUsedKb(long pid, boolean collectFirst) {
        if (collectFirst) {
            run("jcmd", Long.toString(pid), "GC.run");
        }
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        long kb = -1;
        while (used.find()) {
            kb = Math.max(kb, 0) + Long.parseLong(used.group(1));
        }
        return kb;
    }

    /** Pins every thread of the process (and so the threads it starts later) to the given cores. */
    static void pin(long pid, String cores) {
        run("taskset", "-a", "-p", "-c", cores, Long.toString(pid));
    }

    /** Pins a process and everything under it (PostgreSQL forks its backends from the postmaster). */
    static void pinTree(long pid, String cores) {
        pin(pid, cores);
        ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).forEach(p -> pin(p.pid(), cores));
    }

    /** Runs a command of the JDK ({@code jcmd}) or the system; answers its output, or "" when it failed. */
    static String run(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        Path jdkTool = Path.of(System.getProperty("java.home"), "bin", command[0]);
        if (Files.isExecutable(jdkTool)) {
            line.set(0, jdkTool.toString());
        }
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
