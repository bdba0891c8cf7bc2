package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one kind of flooder did in the {@code flood} mode, counted on the flooding client's event loop: what it
 * sent, what the server took, what it refused and how (by answer: {@code 429}, {@code 401 Retry-After}, a close
 * {@code 1008 rate-limited}, ...), and per source (an address, a connection's leg) how long from its first
 * request or frame until the first refusal that was a limit. Written to the driver as one JSON line.
 *
 * @param kind {@code chat}, {@code starts}, {@code sign-ins} or {@code sockets}
 * @param sources what floods: addresses or legs, as the report names them
 * @param sent requests, frames or upgrade attempts sent
 * @param accepted what the server took (stored and acknowledged, started, signed in, upgraded)
 * @param refused what it refused, by answer
 * @param checked sign-ins refused after a password check (wrong password): not limited, checked
 * @param failed requests that got no answer (connection lost, time-out) or were never written (closed under it)
 * @param firstLimitedMillis per source, milliseconds from its first request until its first limit; -1 if never
 * @param reconnects connections a chat flooder opened again after the server closed one
 */
record FloodTally(String kind, String sources, long sent, long accepted, Map<String, Long> refused, long checked,
        long failed, List<Double> firstLimitedMillis, long reconnects) {

    /** The counting side, single-threaded (the flooder's event loop). */
    static final class Counter {

        private final String kind;
        private final String sources;
        private final int sourceCount;
        private final long[] firstSent;
        private final long[] firstLimited;
        private final Map<String, Long> refused = new TreeMap<>();
        long sent;
        long accepted;
        long checked;
        long failed;
        long reconnects;

        Counter(String kind, String sources, int sourceCount) {
            this.kind = kind;
            this.sources = sources;
            this.sourceCount = sourceCount;
            this.firstSent = new long[sourceCount];
            this.firstLimited = new long[sourceCount];
        }

        /** Source {@code source} sent one request or frame now. */
        void sent(int source) {
            sent++;
            if (firstSent[source] == 0) {
                firstSent[source] = System.nanoTime();
            }
        }

        /** The server refused one with {@code answer}; a limit if {@code limit} (the first one is timed). */
        void refused(int source, String answer, boolean limit) {
            refused.merge(answer, 1L, Long::sum);
            if (limit && firstLimited[source] == 0) {
                firstLimited[source] = System.nanoTime();
            }
        }

        String kind() {
            return kind;
        }

        FloodTally tally() {
            List<Double> first = new ArrayList<>();
            for (int i = 0; i < sourceCount; i++) {
                first.add(firstLimited[i] == 0 || firstSent[i] == 0 ? -1.0
                        : (firstLimited[i] - firstSent[i]) / 1e6);
            }
            return new FloodTally(kind, sources, sent, accepted, Map.copyOf(refused), checked, failed, first,
                    reconnects);
        }
    }

    long refusedTotal() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The slowest source's first limit in ms; -1 if some source was never limited. */
    double slowestFirstLimit() {
        return firstLimitedMillis.stream().anyMatch(ms -> ms < 0) ? -1
                : firstLimitedMillis.stream().mapToDouble(Double::doubleValue).max().orElse(-1);
    }

    /** The fastest source's first limit in ms; -1 if none was limited. */
    double fastestFirstLimit() {
        return firstLimitedMillis.stream().mapToDouble(Double::doubleValue).filter(ms -> ms >= 0).min().orElse(-1);
    }

    long limitedSources() {
        return firstLimitedMillis.stream().filter(ms -> ms >= 0).count();
    }
}
