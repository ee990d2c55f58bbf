package io.gencluster.discovery;

import java.util.Set;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

/**
 * Finds the nodes this node should connect to: gen_cluster's {@code gc_discover}
 * behaviour. The constructor is {@code init}; {@link #discover()} is {@code peers()}.
 * Called from the cluster's refresh thread, never from a network thread, so it may block
 * up to its own timeout.
 */
public interface DiscoveryStrategy {

    /**
     * The peers this strategy knows now. Addresses without a port get the transport's
     * port; the result may include this node itself, which the manager drops.
     * @return the addresses found; empty when the source lists nobody
     * @throws Exception when the source could not be asked or answered badly: the manager
     * keeps this strategy's last good answer and records the failure
     */
    Set<NodeAddress> discover() throws Exception;

    /**
     * Called once the transport is listening and before the first {@link #discover()}: a
     * strategy that registers this node somewhere (a port mapper) does it here.
     * @param self this node, with its advertised address and bound port
     * @throws Exception when the strategy cannot work: the cluster does not start
     */
    default void start(ClusterNode self) throws Exception {
    }

    /** Called when the cluster stops: release what {@link #start} took. */
    default void stop() {
    }

    /**
     * A short description for logs and the actuator, such as
     * {@code dns srv _app._tcp.example.org}.
     */
    default String describe() {
        return getClass().getSimpleName();
    }

}
