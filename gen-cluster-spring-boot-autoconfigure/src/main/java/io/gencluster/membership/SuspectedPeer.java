package io.gencluster.membership;

import io.gencluster.transport.Suspicion;

/**
 * The last time this node asked the other members about a member it had stopped hearing
 * from, and what they said.
 *
 * @param id the member's id, {@code name@host:port}
 * @param suspicion how many were asked, how many still heard it, and the outcome
 */
public record SuspectedPeer(String id, Suspicion suspicion) {
}
