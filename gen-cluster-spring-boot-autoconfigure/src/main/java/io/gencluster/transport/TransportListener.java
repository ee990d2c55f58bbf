package io.gencluster.transport;

import java.time.Duration;
import java.util.Set;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;

/**
 * What a {@link ClusterTransport} tells the cluster manager. Implementations return at
 * once.
 */
public interface TransportListener {

    /** An authenticated link to a peer came up. */
    void peerUp(ClusterNode node);

    /**
     * The link to a peer that was up went down. Follows exactly one {@link #peerUp} of
     * that node.
     */
    void peerDown(ClusterNode node, LeaveReason reason);

    /**
     * Both nodes dialled at once and a member's live link was replaced by the other link
     * between the pair: the node, the same incarnation and still a member, now describes
     * the kept link (its {@link ClusterNode#direction() direction}). Neither a join nor a
     * leave.
     */
    default void peerLinkReplaced(ClusterNode node) {
    }

    /**
     * A member announced changes in its own members (for {@code connect-all}): who joined
     * it and who left it since its last announcement. The first announcement after
     * {@link #peerUp} lists all of them as joined; the TCP transport announces only
     * leaves after that, since every node that joins a member is sent that member's list
     * and dials the rest itself.
     */
    default void peerMembersAnnounced(ClusterNode node, Set<NodeAddress> joined, Set<NodeAddress> left) {
    }

    /**
     * A member reported the advertised addresses of all the members it has a live link to
     * now (this node among them). Sent when it joins and whenever that list changes,
     * whatever {@code connect-all} says; each report replaces the last.
     */
    default void peerLinksReported(ClusterNode node, Set<NodeAddress> linked) {
    }

    /**
     * A member sent a members frame listing more addresses than the protocol allows; its
     * link is closed as a protocol error and nothing it listed is reported.
     */
    default void announcementRefused(ClusterNode node) {
    }

    /**
     * A member sent new metadata over its link; {@code node} carries it. Called once per
     * change, only between that node's {@link #peerUp} and {@link #peerDown}.
     */
    default void peerMetadataChanged(ClusterNode node) {
    }

    /**
     * An accepted connection was closed at once, unread: more connections were already
     * waiting to authenticate than allowed, in all or from its address.
     */
    default void connectionRefused() {
    }

    /**
     * A member was silent for the heartbeat timeout and the other members were asked
     * whether they still hear it: called just before the {@link #peerDown} it explains
     * (same node), or alone when the member spoke again meanwhile and stays.
     */
    default void peerSuspected(ClusterNode node, Suspicion suspicion) {
    }

    /** A heartbeat to a member came back after the given round-trip time. */
    default void heartbeatRoundTrip(ClusterNode node, Duration roundTrip) {
    }

    /**
     * A member sent an application message over its authenticated link. Called on a
     * network thread, in the order the member's frames arrived: implementations queue it
     * (boundedly) and return at once.
     */
    default void envelopeReceived(ClusterNode node, Envelope envelope) {
    }

}
