package io.gencluster.membership;

import java.time.Duration;

/**
 * When this node counts as cut off from the cluster: the links it lost within
 * {@code window} (broken, not closed by a goodbye or on request) are more than
 * {@code lostFraction} of the cluster as it was, this node counted. With the default one
 * half, that is the minority side of a partition: in a cluster of five, losing three
 * peers isolates a node, losing two does not; two nodes that lose each other are never
 * isolated (neither can tell which side is cut off).
 * <p>
 * Without knowing whether the lost members still see each other, a node whose peers
 * really died at once counts as isolated too, until enough members (returning or new)
 * join it.
 *
 * @param lostFraction the share of the cluster (this node counted) that must be lost,
 * above 0 and below 1
 * @param window how close together the losses must be
 */
public record IsolationPolicy(double lostFraction, Duration window) {

    /** More than half of the cluster lost within 30 seconds. */
    public static final IsolationPolicy DEFAULT = new IsolationPolicy(0.5, Duration.ofSeconds(30));

    /** Checks the fraction is between 0 and 1 and the window positive. */
    public IsolationPolicy {
        if (!(lostFraction > 0 && lostFraction < 1)) {
            throw new IllegalArgumentException(
                    "isolation lost fraction must be above 0 and below 1, got " + lostFraction);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("isolation window must be positive, got " + window);
        }
    }

}
