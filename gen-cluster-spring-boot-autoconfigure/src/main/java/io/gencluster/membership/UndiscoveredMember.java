package io.gencluster.membership;

import io.gencluster.ClusterNode;

import java.time.Instant;

/**
 * A member that discovery no longer returns, waiting out
 * {@link ClusterManagerSettings#pruneUndiscoveredAfter()} before it is pruned.
 *
 * @param node the member
 * @param missingSince the first refresh that did not return it
 * @param pruneAt when it is pruned (at the first refresh from then on) unless discovery
 * returns it before
 */
public record UndiscoveredMember(ClusterNode node, Instant missingSince, Instant pruneAt) {
}
