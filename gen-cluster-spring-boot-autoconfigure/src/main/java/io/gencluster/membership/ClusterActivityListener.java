package io.gencluster.membership;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.Suspicion;

import java.time.Duration;

/**
 * Told of the cluster manager's routine work (refreshes, dial attempts, heartbeat round
 * trips), for metrics. Called on the manager's threads and, for dial results and
 * heartbeats, on network threads: implementations must be quick, never block and not
 * throw.
 */
public interface ClusterActivityListener {

    /** A refresh ended. */
    default void refreshed(RefreshResult result) {
    }

    /** An attempt to dial a peer ended. */
    default void connectAttempted(NodeAddress address, ConnectOutcome outcome) {
    }

    /**
     * A bound on what peers announce or this node dials held something back (once per
     * refresh or announcement).
     */
    default void limitReached(ClusterLimit limit) {
    }

    /**
     * A member fell silent and the other members were asked whether they still hear it
     * (see {@link Suspicion}).
     */
    default void peerSuspected(ClusterNode node, Suspicion suspicion) {
    }

    /** A heartbeat to a member came back after the given round-trip time. */
    default void heartbeatRoundTrip(ClusterNode node, Duration rtt) {
    }

}
