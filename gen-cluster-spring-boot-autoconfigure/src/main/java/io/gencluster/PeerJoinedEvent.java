package io.gencluster;

/**
 * A peer became a member: an authenticated link to it is up. Published once per
 * incarnation.
 */
public class PeerJoinedEvent extends ClusterEvent {

    /**
     * Creates the event.
     * @param source the publisher
     * @param node the peer that joined
     */
    public PeerJoinedEvent(Object source, ClusterNode node) {
        super(source, node);
    }

    @Override
    public String toString() {
        return "PeerJoinedEvent[" + getNode() + "]";
    }

}
