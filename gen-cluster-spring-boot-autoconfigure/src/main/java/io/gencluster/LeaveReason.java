package io.gencluster;

/** Why a peer left the cluster, as seen from this node. */
public enum LeaveReason {

    /** The peer said goodbye: an orderly stop. */
    SHUTDOWN,
    /**
     * The link closed or failed without a goodbye (the process died, the connection was
     * reset).
     */
    CONNECTION_LOST,
    /**
     * Nothing arrived from the peer within the heartbeat timeout (frozen process, lost
     * network).
     */
    HEARTBEAT_TIMEOUT,
    /**
     * Nothing arrived from the peer within the heartbeat timeout, but other members still
     * hear it: the trouble is between the two nodes (or in this one). It is dialled
     * again.
     */
    HEARD_BY_OTHERS,
    /** This node disconnected the peer on request. */
    DISCONNECTED,
    /** Discovery no longer returned the peer and {@code prune-undiscovered} is on. */
    PRUNED,
    /**
     * This node stopped: every member leaves it at once. The peers, told by a goodbye,
     * see this node leave as {@link #SHUTDOWN}.
     */
    STOPPED

}
