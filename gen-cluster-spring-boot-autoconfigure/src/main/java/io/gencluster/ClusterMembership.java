package io.gencluster;

import java.util.List;
import java.util.Optional;

/**
 * Who is in the cluster, for application code: inject it to read this node and its
 * members. It is a bean whether or not gen-cluster is configured, and it never throws:
 * before the cluster starts, after it stops, and when it is off, it reports no node and
 * no members.
 * <p>
 * To react to changes rather than read them, listen for {@link PeerJoinedEvent} and
 * {@link PeerLeftEvent}.
 */
public interface ClusterMembership {

    /**
     * The view of a cluster that is off: no node, no members, never running.
     * @return the same empty view every time
     */
    static ClusterMembership none() {
        return NoClusterMembership.INSTANCE;
    }

    /**
     * This node, while the cluster runs.
     * @return this node, or empty when the cluster is not running
     */
    Optional<ClusterNode> self();

    /**
     * The peers with a link up now, in the order they joined.
     * @return the members, this node left out; empty before the cluster starts, after it
     * stops and when it is off
     */
    List<ClusterNode> members();

    /**
     * The member with the given id.
     * @param id the node's id, {@code name@host:port}
     * @return the member, or empty when no member has that id
     */
    Optional<ClusterNode> member(String id);

    /**
     * Whether this node is in the cluster now: started and not stopped.
     * @return {@code true} while the cluster runs
     */
    boolean isRunning();

}
