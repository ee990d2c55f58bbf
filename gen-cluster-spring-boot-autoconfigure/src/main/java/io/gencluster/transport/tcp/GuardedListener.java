package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.Suspicion;
import io.gencluster.transport.TransportListener;

/**
 * The transport's listener, called so that its failure never reaches a link: an exception
 * is logged and the transport carries on.
 */
final class GuardedListener implements TransportListener {

    private static final Logger logger = LoggerFactory.getLogger(LinkRegistry.class);

    private final TransportListener delegate;

    GuardedListener(TransportListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void peerUp(ClusterNode node) {
        guarded(() -> delegate.peerUp(node));
    }

    @Override
    public void peerDown(ClusterNode node, LeaveReason reason) {
        guarded(() -> delegate.peerDown(node, reason));
    }

    @Override
    public void peerLinkReplaced(ClusterNode node) {
        guarded(() -> delegate.peerLinkReplaced(node));
    }

    @Override
    public void peerMembersAnnounced(ClusterNode node, Set<NodeAddress> joined, Set<NodeAddress> left) {
        guarded(() -> delegate.peerMembersAnnounced(node, joined, left));
    }

    @Override
    public void peerLinksReported(ClusterNode node, Set<NodeAddress> linked) {
        guarded(() -> delegate.peerLinksReported(node, linked));
    }

    @Override
    public void announcementRefused(ClusterNode node) {
        guarded(() -> delegate.announcementRefused(node));
    }

    @Override
    public void peerMetadataChanged(ClusterNode node) {
        guarded(() -> delegate.peerMetadataChanged(node));
    }

    @Override
    public void connectionRefused() {
        guarded(delegate::connectionRefused);
    }

    @Override
    public void peerSuspected(ClusterNode node, Suspicion suspicion) {
        guarded(() -> delegate.peerSuspected(node, suspicion));
    }

    @Override
    public void heartbeatRoundTrip(ClusterNode node, Duration roundTrip) {
        guarded(() -> delegate.heartbeatRoundTrip(node, roundTrip));
    }

    @Override
    public void envelopeReceived(ClusterNode node, Envelope envelope) {
        guarded(() -> delegate.envelopeReceived(node, envelope));
    }

    private static void guarded(Runnable call) {
        try {
            call.run();
        }
        catch (RuntimeException ex) {
            logger.warn("Transport listener failed; the transport carries on", ex);
        }
    }

}
