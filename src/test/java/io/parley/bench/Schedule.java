package io.parley.bench;

/**
 * An open-loop schedule: event {@code k} is due at {@code start + k / rate}, whatever happened to the events
 * before it, so a slow answer delays nothing that follows (no coordinated omission); latency is measured from
 * {@link #intended(long)}.
 */
record Schedule(long startNanos, double perSecond) {

    /** When event {@code k} should be sent ({@link System#nanoTime()}). */
    long intended(long k) {
        return startNanos + (long) (k * 1e9 / perSecond);
    }

    /** How many events are due by {@code now}: every event with an intended time not after it. */
    long dueBy(long now) {
        return now < startNanos ? 0 : (long) Math.floor((now - startNanos) * perSecond / 1e9) + 1;
    }

    /** How many events fall before {@code nanosFromStart}. */
    long countWithin(long nanosFromStart) {
        return dueBy(startNanos + nanosFromStart - 1);
    }
}
