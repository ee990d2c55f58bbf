package io.gencluster.membership;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.gencluster.transport.Envelope;
import io.gencluster.transport.Suspicion;
import io.gencluster.transport.TransportListener;

/**
 * Hands the transport's notices about links to the {@link MemberTable} (who is a member),
 * the {@link Dialler} (who need not be dialled), the {@link LinkMatrix} (who sees whom)
 * and the activity listeners. Runs on network threads, so it only records and hands off.
 */
final class LinkListener implements TransportListener {

    private final MemberTable members;

    private final Dialler dialler;

    private final LinkMatrix links;

    private final List<ClusterActivityListener> activityListeners;

    private final List<TransportListener> linkListeners;

    LinkListener(MemberTable members, Dialler dialler, LinkMatrix links,
            List<ClusterActivityListener> activityListeners, List<TransportListener> linkListeners) {
        this.members = members;
        this.dialler = dialler;
        this.links = links;
        this.activityListeners = activityListeners;
        this.linkListeners = linkListeners;
    }

    @Override
    public void peerUp(ClusterNode node) {
        linkListeners.forEach(listener -> listener.peerUp(node));
        members.up(node);
        dialler.joined(node);
    }

    @Override
    public void peerDown(ClusterNode node, LeaveReason reason) {
        linkListeners.forEach(listener -> listener.peerDown(node, reason));
        if (members.down(node, reason)) {
            dialler.left(node);
            links.left(node);
        }
    }

    @Override
    public void envelopeReceived(ClusterNode node, Envelope envelope) {
        for (TransportListener listener : linkListeners) {
            listener.envelopeReceived(node, envelope);
        }
    }

    @Override
    public void peerMetadataChanged(ClusterNode node) {
        members.metadataChanged(node);
    }

    @Override
    public void peerLinkReplaced(ClusterNode node) {
        members.linkReplaced(node);
    }

    @Override
    public void peerSuspected(ClusterNode node, Suspicion suspicion) {
        members.suspicions().suspected(node, suspicion);
        activityListeners.forEach(listener -> listener.peerSuspected(node, suspicion));
    }

    @Override
    public void heartbeatRoundTrip(ClusterNode node, Duration roundTrip) {
        activityListeners.forEach(listener -> listener.heartbeatRoundTrip(node, roundTrip));
    }

    @Override
    public void connectionRefused() {
        activityListeners.forEach(listener -> listener.limitReached(ClusterLimit.UNAUTHENTICATED_CONNECTIONS));
    }

    @Override
    public void announcementRefused(ClusterNode node) {
        dialler.reached(Set.of(ClusterLimit.ANNOUNCED_ADDRESSES));
    }

    @Override
    public void peerLinksReported(ClusterNode node, Set<NodeAddress> linked) {
        if (members.contains(node.id())) {
            links.reported(node, linked);
        }
    }

    @Override
    public void peerMembersAnnounced(ClusterNode node, Set<NodeAddress> joined, Set<NodeAddress> left) {
        dialler.membersAnnounced(node, joined, left);
    }

}
