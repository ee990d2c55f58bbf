package io.gencluster;

import org.springframework.context.ApplicationEvent;

/**
 * A change of the cluster's membership seen by this node. Published in order, on the
 * cluster's own event thread, never on a network thread.
 */
public abstract class ClusterEvent extends ApplicationEvent {

    private final transient ClusterNode node;

    /**
     * Creates an event about a peer.
     * @param source the publisher, normally the cluster manager
     * @param node the peer the event is about
     */
    protected ClusterEvent(Object source, ClusterNode node) {
        super(source);
        this.node = node;
    }

    /** The peer this event is about. */
    public ClusterNode getNode() {
        return node;
    }

}
