package io.parley.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket: up to {@code burst} tokens at once, given back at {@code perSecond} on average; a frame or a
 * request takes one. Pure Java, with the time passed in (milliseconds), so that its rule is unit-tested in
 * milliseconds; a clock that goes back gives nothing back. {@link TokenBuckets} keeps one per key.
 */
public final class TokenBucket {

    /**
     * How fast tokens come back: {@code perSecond} on average, {@code burst} at once. Written in configuration
     * as {@code "5/s burst 20"} (or {@code "/m"} for a rate per minute); without {@code burst} it is the
     * rate of one second, at least one.
     */
    public record Rate(double perSecond, int burst) {

        private static final Pattern FORM = Pattern.compile(
                "\\s*(\\d+(?:\\.\\d+)?)\\s*/\\s*([sm])\\s*(?:,?\\s*burst\\s+(\\d+))?\\s*");

        public Rate {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("a rate is more than 0 per second with a burst of at least 1");
            }
        }

        /** {@code burst} at once, all of it back over {@code period}: "5 a minute". */
        public static Rate of(int burst, Duration period) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate's period is positive");
            }
            return new Rate(burst * 1000.0 / period.toMillis(), burst);
        }

        /** Reads {@code "5/s burst 20"}; SmallRye Config converts configuration values with it. */
        public static Rate parse(CharSequence text) {
            Matcher m = FORM.matcher(text.toString().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a rate such as \"5/s burst 20\"");
            }
            double amount = Double.parseDouble(m.group(1));
            double perSecond = m.group(2).equals("m") ? amount / 60 : amount;
            int burst = m.group(3) != null ? Integer.parseInt(m.group(3)) : Math.max(1, (int) Math.ceil(perSecond));
            return new Rate(perSecond, burst);
        }

        @Override
        public String toString() {
            return perSecond + "/s burst " + burst;
        }
    }

    private final Rate rate;
    private double tokens;
    private long lastMillis;

    /** A full bucket at {@code nowMillis}. */
    public TokenBucket(Rate rate, long nowMillis) {
        this.rate = rate;
        this.tokens = rate.burst();
        this.lastMillis = nowMillis;
    }

    /** Takes one token at {@code nowMillis}: false when the bucket is empty (over the limit). */
    public synchronized boolean take(long nowMillis) {
        refill(nowMillis);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** How long from {@code nowMillis} until a token may be taken: zero when one may be now. */
    public synchronized Duration untilNext(long nowMillis) {
        refill(nowMillis);
        return tokens >= 1 ? Duration.ZERO
                : Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / rate.perSecond()));
    }

    /** Whether the bucket has filled up again by {@code nowMillis}: then it is the same as a new one. */
    public synchronized boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens >= rate.burst();
    }

    private void refill(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(rate.burst(), tokens + (nowMillis - lastMillis) * rate.perSecond() / 1000.0);
            lastMillis = nowMillis;
        }
    }
}
