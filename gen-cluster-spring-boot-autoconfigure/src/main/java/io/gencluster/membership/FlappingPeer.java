package io.gencluster.membership;

import java.time.Instant;

/**
 * A peer that joined and left too often ({@link FlapPolicy}): this node dials it again
 * only after a growing hold-off.
 *
 * @param id its id, {@code name@host:port}
 * @param leaves how often it left within the window
 * @param since when it started flapping
 * @param lastLeftAt when it last left
 * @param redialAfter this node dials it no earlier than this, after its last leave
 */
public record FlappingPeer(String id, int leaves, Instant since, Instant lastLeftAt, Instant redialAfter) {
}
