package io.parley.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by key (a client address, a visitor, a user at an address): each holds up to
 * {@code capacity} tokens and gets them back at {@code capacity} per {@code period}; a request takes one.
 * Memory is bounded: a bucket that has filled up again is the same as none and is dropped as the oldest
 * buckets are looked at, and beyond {@code maxKeys} the least recently used bucket goes. Each call costs the
 * same however many keys there are. Pure: the time comes from the clock given.
 */
public final class TokenBuckets {

    /** Whether a request may go ahead, and if not, how long until it may. */
    public record Admission(boolean allowed, Duration retryAfter) {

        static final Admission ALLOWED = new Admission(true, Duration.ZERO);

        /** Whole seconds, at least one: the value of a {@code Retry-After} header. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final int capacity;
    private final double perMilli;
    private final int maxKeys;
    private final Clock clock;
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);

    public TokenBuckets(int capacity, Duration period, int maxKeys, Clock clock) {
        if (capacity < 1 || period.isNegative() || period.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("capacity, period and maxKeys must be positive");
        }
        this.capacity = capacity;
        this.perMilli = capacity / (double) period.toMillis();
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Takes a token for the key if it has one. */
    public synchronized Admission take(String key) {
        long now = clock.millis();
        Bucket bucket = refilled(key, now);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Admission.ALLOWED;
        }
        return refused(bucket);
    }

    /** Whether the key has a token, without taking it. */
    public synchronized Admission check(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return Admission.ALLOWED;
        }
        refill(bucket, clock.millis());
        return bucket.tokens >= 1 ? Admission.ALLOWED : refused(bucket);
    }

    /** Forgets the key: its bucket is full again. */
    public synchronized void reset(String key) {
        buckets.remove(key);
    }

    /** How many keys are tracked now (bounded by {@code maxKeys}). */
    public synchronized int size() {
        return buckets.size();
    }

    private Bucket refilled(String key, long now) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            dropFullOrEldest(now);
            bucket = new Bucket(capacity, now);
            buckets.put(key, bucket);
        } else {
            refill(bucket, now);
        }
        return bucket;
    }

    private void refill(Bucket bucket, long now) {
        bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMilli);
        bucket.at = now;
    }

    /** Drops the two least recently used buckets if they are full again, and the eldest if there are too many. */
    private void dropFullOrEldest(long now) {
        Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
        for (int looked = 0; looked < 2 && eldest.hasNext(); looked++) {
            Bucket bucket = eldest.next().getValue();
            if (bucket.tokens + Math.max(0, now - bucket.at) * perMilli >= capacity) {
                eldest.remove();
            }
        }
        if (buckets.size() >= maxKeys) {
            Iterator<String> keys = buckets.keySet().iterator();
            keys.next();
            keys.remove();
        }
    }

    private Admission refused(Bucket bucket) {
        return new Admission(false, Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / perMilli)));
    }
}
