package io.parley.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link TokenBucket}s by key (a client address, a visitor, a user at an address), each at the same
 * {@link TokenBucket.Rate}: a request takes a token of its key. Memory is bounded: a bucket that has filled up
 * again is the same as none and is dropped as the oldest buckets are looked at, and beyond {@code maxKeys} the
 * least recently used bucket goes. Each call costs the same however many keys there are. Pure: the time comes
 * from the clock given.
 */
public final class TokenBuckets {

    /** Whether a request may go ahead, and if not, how long until it may. */
    public record Admission(boolean allowed, Duration retryAfter) {

        static final Admission ALLOWED = new Admission(true, Duration.ZERO);

        /** Whole seconds, at least one: the value of a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return retryAfterSeconds(retryAfter);
        }

        /** A wait as a {@code Retry-After} header says it: whole seconds, rounded up, at least one. */
        public static long retryAfterSeconds(Duration wait) {
            return Math.max(1, (wait.toMillis() + 999) / 1000);
        }
    }

    private final TokenBucket.Rate rate;
    private final int maxKeys;
    private final Clock clock;
    private final LinkedHashMap<String, TokenBucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

    /** Each key gets {@code capacity} tokens at once, and all of them back over {@code period}. */
    public TokenBuckets(int capacity, Duration period, int maxKeys, Clock clock) {
        this(TokenBucket.Rate.of(capacity, period), maxKeys, clock);
    }

    public TokenBuckets(TokenBucket.Rate rate, int maxKeys, Clock clock) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive");
        }
        this.rate = rate;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Takes a token for the key if it has one. */
    public synchronized Admission take(String key) {
        long now = clock.millis();
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            dropFullOrEldest(now);
            bucket = new TokenBucket(rate, now);
            buckets.put(key, bucket);
        }
        return bucket.take(now) ? Admission.ALLOWED : refused(bucket, now);
    }

    /** Whether the key has a token, without taking it. */
    public synchronized Admission check(String key) {
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            return Admission.ALLOWED;
        }
        long now = clock.millis();
        return bucket.untilNext(now).isZero() ? Admission.ALLOWED : refused(bucket, now);
    }

    /** Forgets the key: its bucket is full again. */
    public synchronized void reset(String key) {
        buckets.remove(key);
    }

    /** How many keys are tracked now (bounded by {@code maxKeys}). */
    public synchronized int size() {
        return buckets.size();
    }

    /** Drops the two least recently used buckets if they are full again, and the eldest if there are too many. */
    private void dropFullOrEldest(long now) {
        Iterator<Map.Entry<String, TokenBucket>> eldest = buckets.entrySet().iterator();
        for (int looked = 0; looked < 2 && eldest.hasNext(); looked++) {
            if (eldest.next().getValue().isFull(now)) {
                eldest.remove();
            }
        }
        if (buckets.size() >= maxKeys) {
            Iterator<String> keys = buckets.keySet().iterator();
            keys.next();
            keys.remove();
        }
    }

    private static Admission refused(TokenBucket bucket, long now) {
        return new Admission(false, bucket.untilNext(now));
    }
}
