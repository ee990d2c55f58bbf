package io.gencluster;

import java.util.Objects;

/**
 * A member is gone, for the given reason. Follows exactly one {@link PeerJoinedEvent} of
 * the same incarnation.
 */
public class PeerLeftEvent extends ClusterEvent {

    private final LeaveReason reason;

    private final String detail;

    /**
     * Creates the event.
     * @param source the publisher
     * @param node the peer that left
     * @param reason why it left
     */
    public PeerLeftEvent(Object source, ClusterNode node, LeaveReason reason) {
        this(source, node, reason, "");
    }

    /**
     * Creates the event with a detail.
     * @param source the publisher
     * @param node the peer that left
     * @param reason why it left
     * @param detail what else is known, empty for nothing
     */
    public PeerLeftEvent(Object source, ClusterNode node, LeaveReason reason, String detail) {
        super(source, node);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** Why the peer left. */
    public LeaveReason getReason() {
        return reason;
    }

    /**
     * What else is known about the leave, empty when nothing: after a heartbeat timeout,
     * how many of the other members still heard the peer ({@code heard by 0 of 2
     * members}).
     */
    public String getDetail() {
        return detail;
    }

    @Override
    public String toString() {
        return "PeerLeftEvent[" + getNode() + ", " + reason + (detail.isEmpty() ? "" : ", " + detail) + "]";
    }

}
