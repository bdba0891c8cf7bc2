package io.parley.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Latencies of the events intended for one measured window, in an HdrHistogram (microseconds, three
 * significant digits): an event that arrives later than the deadline, or never, is lost, not a latency.
 * Single-threaded (the client's one event loop).
 */
final class LatencyLog {

    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final long windowStart;
    private final long windowEnd;
    private final long deadlineNanos;
    private long sent;
    private long delivered;

    LatencyLog(long windowStart, long windowEnd, long deadlineNanos) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.deadlineNanos = deadlineNanos;
    }

    boolean inWindow(long intended) {
        return intended >= windowStart && intended < windowEnd;
    }

    void sent(long intended) {
        if (inWindow(intended)) {
            sent++;
        }
    }

    void received(long intended, long now) {
        if (inWindow(intended) && now - intended <= deadlineNanos) {
            delivered++;
            histogram.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - intended)));
        }
    }

    /** Every event of the window is in, or the deadline of the last one has passed. */
    boolean settled(long now) {
        return delivered >= sent || now > windowEnd + deadlineNanos;
    }

    long sentCount() {
        return sent;
    }

    StepResult result(String label, double offered) {
        double seconds = (windowEnd - windowStart) / 1e9;
        return new StepResult(label, offered, seconds, sent, delivered, sent - delivered, ms(50), ms(99), ms(99.9),
                histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0);
    }

    private double ms(double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
