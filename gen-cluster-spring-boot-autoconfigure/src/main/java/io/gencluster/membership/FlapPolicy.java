package io.gencluster.membership;

import java.time.Duration;

/**
 * When a peer counts as flapping: it left {@code leaves} times within {@code window}. A
 * flapping peer is dialled again only after a hold-off that doubles at each further
 * leave, from the refresh interval up to the window; it is stable again once it has not
 * left for a whole window.
 *
 * @param leaves how many leaves within the window make a peer flapping, at least 2
 * @param window how far back leaves are counted, and how long a flapping peer must not
 * leave to be stable again
 */
public record FlapPolicy(int leaves, Duration window) {

    /** Five leaves within a minute. */
    public static final FlapPolicy DEFAULT = new FlapPolicy(5, Duration.ofMinutes(1));

    /** Checks the count is at least 2 and the window positive. */
    public FlapPolicy {
        if (leaves < 2) {
            throw new IllegalArgumentException("flapping needs at least 2 leaves, got " + leaves);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("flapping window must be positive, got " + window);
        }
    }

}
