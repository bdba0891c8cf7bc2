package io.parley.bench;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * CPU used by the target's server(s), its database and the load clients between the client's
 * {@code window-start <label>} and {@code window-end <label>} events, read from {@code /proc} when each event
 * arrives; and the memory of the servers at the end of each window.
 */
final class Meter {

    /** CPU seconds of the servers, the database and the clients at one moment. */
    private record Mark(long nanos, double server, double db, double client) {
    }

    /** Cores used over a window (CPU seconds per second), and the servers' memory at its end. */
    record Usage(double serverCores, double dbCores, double clientCores, double rssMb, double heapMb) {
    }

    private final Target target;
    private final Map<String, Mark> starts = new ConcurrentHashMap<>();
    /** Per label, the windows in the order they ended: two steps at the same rate share a label. */
    private final Map<String, Queue<Usage>> usages = new ConcurrentHashMap<>();
    private volatile List<Long> clients = List.of();

    Meter(Target target) {
        this.target = target;
    }

    void clients(List<Long> pids) {
        this.clients = List.copyOf(pids);
    }

    /** The listener for the clients' events. */
    void event(String event) {
        if (event.startsWith("window-start ")) {
            starts.put(event.substring(13), mark());
        } else if (event.startsWith("window-end ")) {
            String label = event.substring(11);
            Mark end = mark();
            Mark start = starts.get(label);
            if (start != null) {
                double seconds = (end.nanos - start.nanos) / 1e9;
                usages.computeIfAbsent(label, k -> new ConcurrentLinkedQueue<>()).add(new Usage(
                        (end.server - start.server) / seconds, (end.db - start.db) / seconds,
                        (end.client - start.client) / seconds, target.rssMb(), target.heapMb(false)));
            }
        }
    }

    /** The next window of {@code label} not yet asked for (results are read in the order the steps ran). */
    Usage usage(String label) {
        Usage next = usages.getOrDefault(label, new ConcurrentLinkedQueue<>()).poll();
        return next == null ? new Usage(0, 0, 0, 0, 0) : next;
    }

    private Mark mark() {
        double[] cpu = target.cpuSeconds();
        double client = clients.stream().mapToDouble(ProcStats::cpuSeconds).sum();
        return new Mark(System.nanoTime(), cpu[0], cpu[1], client);
    }
}
