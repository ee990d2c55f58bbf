package io.gencluster.membership;

import io.gencluster.NodeAddress;

import java.time.Instant;

/**
 * A discovered peer that is not a member yet: how often dialling it failed, why the last
 * time, and when the next attempt is due.
 *
 * @param address where it is dialled
 * @param attempts consecutive failed attempts
 * @param lastError what the last attempt ended with
 * @param nextAttemptAt when it is dialled again (at a refresh, not before)
 */
public record PendingPeer(NodeAddress address, int attempts, String lastError, Instant nextAttemptAt) {
}
