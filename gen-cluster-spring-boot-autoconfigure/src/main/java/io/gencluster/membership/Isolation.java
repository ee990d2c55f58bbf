package io.gencluster.membership;

import java.time.Instant;

/**
 * This node is cut off from the cluster ({@link IsolationPolicy}): it lost most of its
 * links within a short window.
 *
 * @param since when the loss that made it isolated happened
 * @param missing how many of the members it had are gone now (members that joined since
 * count against it)
 * @param of how many members it had before the losses
 */
public record Isolation(Instant since, int missing, int of) {
}
