package io.gencluster.transport.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.transport.TransportListener;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members and their live links: decides which link carries a member, resolves
 * duplicate links and new incarnations, and tells the listener. Every change happens
 * under one lock, and the listener is called under it, so a node's up always precedes its
 * down and each up has exactly one down.
 * <p>
 * With {@code connect-all} every change of members is handed to a
 * {@link MemberAnnouncer}.
 */
final class LinkRegistry {

    private static final Logger logger = LoggerFactory.getLogger(LinkRegistry.class);

    private final TransportListener listener;

    private final MemberAnnouncer announcer;

    private final LiveLinks links = new LiveLinks();

    private boolean stopping;

    private final MetadataExchange metadata = new MetadataExchange();

    private final CrossedDials crossed = new CrossedDials();

    /** Asks the other members about a silent one, and answers their questions. */
    final IndirectProbes probes = new IndirectProbes(this);

    /**
     * The listener is told of every change; the announcer runs gathered announcements.
     */
    LinkRegistry(TransportListener listener, boolean connectAll, EventExecutor announcer) {
        this.listener = new GuardedListener(listener);
        this.announcer = new MemberAnnouncer(connectAll, announcer);
    }

    /** Records a new connection; false when the transport stops and it must close. */
    synchronized boolean opened(Link link) {
        if (stopping) {
            return false;
        }
        links.opened(link);
        return true;
    }

    /**
     * Takes an authenticated link: a new member, a new incarnation of one, or a duplicate
     * of a live link (the two are ordered by {@link Link#KEEP_ORDER}; the other one is
     * superseded, never reported).
     * @return the member the link leads to, or {@code null} when the transport is
     * stopping
     */
    synchronized ClusterNode authenticated(Link link) {
        if (stopping) {
            link.state = Link.State.CLOSED;
            return null;
        }
        ClusterNode peer = link.peer;
        Link current = links.of(peer.id());
        if (current != null && current.member.incarnation() != peer.incarnation()) {
            logger.debug("Peer {} is back as a new incarnation {}: replacing the old link", current.member,
                    peer.incarnationHex());
            down(current, LeaveReason.CONNECTION_LOST);
            current.channel.close();
            current = null;
        }
        if (current == null) {
            link.member = new ClusterNode(peer.address(), peer.incarnation(), Instant.now(), link.direction,
                    peer.metadata());
            link.metadataVersion = link.peerMetadataVersion;
            link.state = Link.State.ACTIVE;
            links.makeLive(peer.id(), link);
            metadata.sendIfChanged(link);
            listener.peerUp(link.member);
            announce();
            crossed.arrived(link);
            return link.member;
        }
        Link keep = Link.KEEP_ORDER.compare(link, current) < 0 ? link : current;
        Link drop = keep == link ? current : link;
        if (keep == link) {
            // The member since the first link came up, now over this one: its direction
            // is this link's.
            ClusterNode member = current.member;
            link.member = new ClusterNode(member.address(), member.incarnation(), member.connectedSince(),
                    link.direction, member.metadata());
            link.roundTripTime = current.roundTripTime;
            link.metadataVersion = current.metadataVersion;
            link.state = Link.State.ACTIVE;
            links.makeLive(peer.id(), link);
            metadata.sendIfChanged(link);
            listener.peerLinkReplaced(link.member);
            // The peer takes announcements only from the live link: what went over the
            // old one is sent again.
            announce();
        }
        else {
            link.member = current.member;
        }
        metadata.offer(keep, link.peerMetadataVersion, peer.metadata()).ifPresent(listener::peerMetadataChanged);
        logger.debug("Two links to {}: keeping the one dialled by {}, closing {}", keep.member, keep.dialler(),
                drop.channel);
        drop.supersede();
        return keep.member;
    }

    /** Whether an accepted handshake can end early: see {@link CrossedDials}. */
    synchronized boolean ownLinkWins(ClusterNode self, ClusterNode peer) {
        return CrossedDials.ownLinkWins(self, peer, links);
    }

    /** Makes a dial the peer refused for its own link wait for the member. */
    synchronized void awaitMember(String id, CompletableFuture<ClusterNode> connected) {
        crossed.await(id, connected, links);
    }

    /** A peer said goodbye over a link. */
    synchronized void goodbye(Link link, Message.Goodbye.Reason reason) {
        if (link.state == Link.State.SUPERSEDED) {
            Link live = links.liveFor(link);
            if (reason == Message.Goodbye.Reason.SHUTDOWN && live != null) {
                // The peer stops before it took the link that replaced this one: that one
                // closes without a goodbye.
                live.closeReason = LeaveReason.SHUTDOWN;
            }
            link.channel.close();
            return;
        }
        if (link.state != Link.State.ACTIVE) {
            return;
        }
        if (reason == Message.Goodbye.Reason.DUPLICATE) {
            // The peer moved to the other link; this one stays live until that link is
            // authenticated here too.
            link.peerSaidDuplicate = true;
            return;
        }
        down(link, reason == Message.Goodbye.Reason.SHUTDOWN ? LeaveReason.SHUTDOWN : LeaveReason.DISCONNECTED);
        link.channel.close();
    }

    /** A link's channel closed. */
    synchronized void closed(Link link) {
        links.closed(link);
        if (link.state == Link.State.ACTIVE) {
            LeaveReason reason = link.closeReason;
            down(link, reason != null ? reason : LeaveReason.CONNECTION_LOST);
        }
        link.state = Link.State.CLOSED;
    }

    /**
     * Takes a member down on this node's request.
     * @return whether the link was live (so a goodbye should follow)
     */
    synchronized boolean disconnect(Link link) {
        if (link.state != Link.State.ACTIVE) {
            return false;
        }
        down(link, LeaveReason.DISCONNECTED);
        return true;
    }

    /**
     * A member announced changes in its members, over its live link only: a superseded or
     * closed one may be anybody's leftover.
     */
    synchronized void membersAnnounced(Link link, Message.Members announcement) {
        if (link.member != null && links.of(link.member.id()) == link) {
            Set<NodeAddress> joined = Set.copyOf(announcement.joined());
            Set<NodeAddress> left = Set.copyOf(announcement.left());
            logger.debug("Peer {} announced members joined {} left {}", link.member, joined, left);
            listener.peerMembersAnnounced(link.member, joined, left);
        }
    }

    /** A change in a member's links: every link adds them up, the live one reports. */
    synchronized void linksReported(Link link, Message.Links report) {
        Set<NodeAddress> linked = link.peerLinks.apply(report);
        if (link.member != null && links.of(link.member.id()) == link) {
            listener.peerLinksReported(link.member, linked);
        }
    }

    /** This node's metadata and its version, as a handshake sends it. */
    synchronized Message.Metadata metadata() {
        return metadata.current();
    }

    /** Replaces this node's metadata and sends it over every live link. */
    synchronized void updateMetadata(Map<String, String> entries) {
        metadata.replace(entries, links.live());
    }

    /** A peer sent metadata after its handshake, over any link of its incarnation. */
    synchronized void metadataReceived(Link link, Message.Metadata received) {
        Link live = links.liveFor(link);
        if (live != null && live.member.incarnation() == link.member.incarnation()) {
            metadata.offer(live, received.version(), received.entries()).ifPresent(listener::peerMetadataChanged);
        }
    }

    /** The listener, for what happens outside the registry (refusals, suspicions). */
    TransportListener listener() {
        return listener;
    }

    /** How many connections are open, whatever their state. */
    synchronized int openLinks() {
        return links.openCount();
    }

    /** A heartbeat came back: the listener hears of it over a member's live link. */
    void roundTripMeasured(Link link, Duration roundTrip) {
        ClusterNode member = link.member;
        if (member != null && liveLink(member).filter(live -> live == link).isPresent()) {
            listener.heartbeatRoundTrip(member, roundTrip);
        }
    }

    /** The members now. */
    synchronized Collection<ClusterNode> members() {
        return links.members();
    }

    /** The members' live links now. */
    synchronized List<Link> liveLinks() {
        return List.copyOf(links.live());
    }

    /** The live link to a member, when that incarnation is a member. */
    synchronized Optional<Link> liveLink(ClusterNode node) {
        return links.liveLink(node);
    }

    /** The member that advertises an address (its name checked only if it has one). */
    synchronized Optional<ClusterNode> memberAt(NodeAddress address) {
        return links.memberAt(address);
    }

    /**
     * Refuses new links from now on and marks every live link as ending because this node
     * stops.
     * @return every open link, live ones first
     */
    synchronized List<Link> beginStop() {
        stopping = true;
        links.live().forEach(link -> link.closeReason = LeaveReason.STOPPED);
        crossed.stop();
        return links.allLiveFirst();
    }

    /** Reports the members whose close was never seen (their loop ended) as STOPPED. */
    synchronized void finishStop() {
        new ArrayList<>(links.live()).forEach(link -> down(link, LeaveReason.STOPPED));
        links.clear();
    }

    private void down(Link link, LeaveReason reason) {
        link.state = Link.State.CLOSED;
        ClusterNode member = link.member;
        links.removeLive(member.id(), link);
        listener.peerDown(member, reason);
        links.closeSuperseded(member.id());
        announce();
    }

    private void announce() {
        if (!stopping) {
            announcer.membersChanged(this::sendAnnouncements);
        }
    }

    private synchronized void sendAnnouncements() {
        if (!stopping) {
            announcer.announce(links.live());
        }
    }

}
