package io.gencluster.membership;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before dialling a peer again after failed attempts: exponential from
 * {@code initial}, capped at {@code max}, with jitter so that nodes that failed together
 * do not retry together.
 *
 * @param initial the delay after the first failure
 * @param max the longest delay
 */
public record ReconnectBackoff(Duration initial, Duration max) {

    /** Checks that both delays are positive and ordered. */
    public ReconnectBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "Backoff needs 0 < initial <= max, got initial " + initial + ", max " + max);
        }
    }

    /**
     * The delay after the given number of consecutive failures.
     * @param failures how many attempts failed in a row, at least 1
     * @param random a source of numbers in [0, 1) for the jitter
     * @return a delay between half and all of {@code min(max, initial * 2^(failures-1))}
     */
    public Duration delayAfter(int failures, DoubleSupplier random) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << doublings);
        long jittered = Math.round(ceiling * (0.5 + 0.5 * random.getAsDouble()));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
