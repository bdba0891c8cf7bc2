package io.parley.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * When a watched view is shown again: {@code settle} after the stream first tells of a change (the changes that
 * come meanwhile are shown together), and when {@code atLeastEvery} is set, at least that often (a clock on
 * screen moves). Pure: the caller says what time it is, in {@link System#nanoTime()} nanoseconds.
 */
final class Refresh {

    /** How long a watcher waits when nothing is due: it then looks again. */
    private static final Duration IDLE = Duration.ofMinutes(1);

    private final Duration settle;
    private final Duration atLeastEvery;
    private boolean changed;
    private long changedAt;
    private long shownAt;

    /** Watching a view just shown at {@code now}; {@code atLeastEvery} null: only when something changed. */
    Refresh(Duration settle, Duration atLeastEvery, long now) {
        this.settle = settle;
        this.atLeastEvery = atLeastEvery;
        this.shownAt = now;
    }

    void changed(long now) {
        if (!changed) {
            changed = true;
            changedAt = now;
        }
    }

    void shown(long now) {
        changed = false;
        shownAt = now;
    }

    boolean due(long now) {
        return untilDue(now).isZero();
    }

    /** How long until it is due (zero: now). */
    Duration untilDue(long now) {
        Duration wait = IDLE;
        if (changed) {
            wait = min(wait, settle.minusNanos(now - changedAt));
        }
        if (atLeastEvery != null) {
            wait = min(wait, atLeastEvery.minusNanos(now - shownAt));
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Shows the view again whenever it is due, until interrupted: after entries that {@code matters}, after a reset,
     * and as often as {@code atLeastEvery} says. A lost connection is told on {@code err}; a refusal is thrown.
     */
    void watch(LiveStream stream, Predicate<LiveStream.Entry> matters, Runnable show, PrintWriter err)
            throws InterruptedException {
        while (true) {
            if (due(System.nanoTime())) {
                show.run();
                shown(System.nanoTime());
            }
            switch (stream.next(untilDue(System.nanoTime()))) {
                case null -> {
                }
                case LiveStream.Opened opened -> {
                }
                case LiveStream.Entry entry -> {
                    if (matters.test(entry)) {
                        changed(System.nanoTime());
                    }
                }
                case LiveStream.Reset reset -> changed(System.nanoTime());
                case LiveStream.Lost lost -> {
                    err.println(lost.sentence());
                    err.flush();
                }
                case LiveStream.Failed failed -> throw LiveStream.reported(failed);
            }
        }
    }
}
