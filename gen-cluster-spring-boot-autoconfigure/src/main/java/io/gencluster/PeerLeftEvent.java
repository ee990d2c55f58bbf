package io.gencluster;

import java.util.Objects;

/**
 * A member is gone, for the given reason. Follows exactly one {@link PeerJoinedEvent} of
 * the same incarnation.
 */
public class PeerLeftEvent extends ClusterEvent {

    private final LeaveReason reason;

    /**
     * Creates the event.
     * @param source the publisher
     * @param node the peer that left
     * @param reason why it left
     */
    public PeerLeftEvent(Object source, ClusterNode node, LeaveReason reason) {
        super(source, node);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the peer left. */
    public LeaveReason getReason() {
        return reason;
    }

    @Override
    public String toString() {
        return "PeerLeftEvent[" + getNode() + ", " + reason + "]";
    }

}
