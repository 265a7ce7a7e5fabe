package io.pactum.node.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential backoff per key (a deal id): after the n-th failure the key waits {@code min(base ×
 * 2^(n-1), max)}. Kept in memory on purpose: it only paces retries; every decision still comes from the
 * contract and chain time (W6), and after a restart the first retry simply comes at once.
 */
public final class RetryBackoff {

    private record State(int failures, long notBeforeMillis) {}

    private final long baseMillis;
    private final long maxMillis;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public RetryBackoff(Duration base, Duration max) {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= max");
        }
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
    }

    public static RetryBackoff defaults() {
        return new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Whether {@code key} may be tried at {@code nowMillis}. */
    public boolean ready(String key, long nowMillis) {
        State s = states.get(key);
        return s == null || nowMillis >= s.notBeforeMillis();
    }

    /** Records a failure at {@code nowMillis}; returns the delay before the next try. */
    public long failed(String key, long nowMillis) {
        State s = states.merge(key, new State(1, nowMillis + delay(1)),
                (old, first) -> new State(old.failures() + 1, nowMillis + delay(old.failures() + 1)));
        return s.notBeforeMillis() - nowMillis;
    }

    /** Failures recorded for {@code key}. */
    public int failures(String key) {
        State s = states.get(key);
        return s == null ? 0 : s.failures();
    }

    public void clear(String key) {
        states.remove(key);
    }

    long delay(int failures) {
        int shift = Math.min(failures - 1, 30);
        long d = baseMillis << shift;
        return d < 0 || d > maxMillis ? maxMillis : d;
    }
}
