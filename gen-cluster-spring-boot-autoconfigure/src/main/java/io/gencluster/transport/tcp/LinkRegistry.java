package io.gencluster.transport.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** Node id to its live link. */
    private final Map<String, Link> members = new LinkedHashMap<>();

    /** Every open link, whatever its state. */
    private final Set<Link> links = new HashSet<>();

    private boolean stopping;

    private final MetadataExchange metadata = new MetadataExchange();

    /**
     * @param listener told of every change
     * @param connectAll whether members are told of each other's members
     * @param announcer runs the announcements that were gathered
     */
    LinkRegistry(TransportListener listener, boolean connectAll, EventExecutor announcer) {
        this.listener = listener;
        this.announcer = new MemberAnnouncer(connectAll, announcer);
    }

    /**
     * Records a new connection; false when the transport is stopping and the connection
     * must close.
     */
    synchronized boolean opened(Link link) {
        if (stopping) {
            return false;
        }
        links.add(link);
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
        Link current = members.get(peer.id());
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
            members.put(peer.id(), link);
            metadata.sendIfChanged(link);
            logger.debug("Peer {} joined ({}, {})", link.member, link.direction.name().toLowerCase(),
                    link.channel.remoteAddress());
            call(() -> listener.peerUp(link.member));
            announce();
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
            members.put(peer.id(), link);
            metadata.sendIfChanged(link);
            call(() -> listener.peerLinkReplaced(link.member));
            // The peer takes announcements only from the live link: what went over the
            // old one is sent again.
            announce();
        }
        else {
            link.member = current.member;
        }
        metadata.offer(keep, link.peerMetadataVersion, peer.metadata()).ifPresent(this::metadataChanged);
        drop.state = Link.State.SUPERSEDED;
        logger.debug("Two links to {}: keeping the one dialled by {}, closing {}", keep.member, keep.dialler(),
                drop.channel);
        drop.send(new Message.Goodbye(Message.Goodbye.Reason.DUPLICATE));
        if (drop.peerSaidDuplicate) {
            drop.channel.close();
        }
        return keep.member;
    }

    /** A peer said goodbye over a link. */
    synchronized void goodbye(Link link, Message.Goodbye.Reason reason) {
        if (link.state == Link.State.SUPERSEDED) {
            Link live = link.member == null ? null : members.get(link.member.id());
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
        links.remove(link);
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

    /** A member announced changes in its members over a link. */
    synchronized void membersAnnounced(Link link, Message.Members announcement) {
        ClusterNode member = link.member;
        // Only the member's live link speaks for it: a superseded or closed one may be
        // anybody's leftover.
        if (member != null && members.get(member.id()) == link) {
            Set<NodeAddress> joined = Set.copyOf(announcement.joined());
            Set<NodeAddress> left = Set.copyOf(announcement.left());
            logger.debug("Peer {} announced members joined {} left {}", member, joined, left);
            call(() -> listener.peerMembersAnnounced(member, joined, left));
        }
    }

    /** This node's metadata and its version, as a handshake sends it. */
    synchronized Message.Metadata metadata() {
        return metadata.current();
    }

    /**
     * Replaces this node's metadata and sends it over every live link (links still in the
     * handshake get it once live).
     */
    synchronized void updateMetadata(Map<String, String> entries) {
        metadata.replace(entries, members.values());
    }

    /**
     * A peer sent its metadata over a link after the handshake: any link of the member's
     * incarnation will do.
     */
    synchronized void metadataReceived(Link link, Message.Metadata received) {
        Link live = link.member == null ? null : members.get(link.member.id());
        if (live != null && live.member.incarnation() == link.member.incarnation()) {
            metadata.offer(live, received.version(), received.entries()).ifPresent(this::metadataChanged);
        }
    }

    /**
     * A link's peer sent a members frame larger than the protocol allows; the link is
     * being closed.
     */
    /**
     * An accepted connection was refused before its handshake: the listener hears of it.
     */
    void connectionRefused() {
        call(listener::connectionRefused);
    }

    void announcementRefused(Link link) {
        ClusterNode member = link.member;
        if (member != null) {
            call(() -> listener.announcementRefused(member));
        }
    }

    /** How many connections are open, whatever their state. */
    synchronized int openLinks() {
        return links.size();
    }

    /**
     * A heartbeat over a link came back: the listener hears of it when the link is a
     * member's live one.
     */
    void roundTripMeasured(Link link, Duration roundTrip) {
        ClusterNode member = link.member;
        if (member != null && liveLink(member).filter(live -> live == link).isPresent()) {
            listener.heartbeatRoundTrip(member, roundTrip);
        }
    }

    /** The members now. */
    synchronized Collection<ClusterNode> members() {
        return members.values().stream().map(link -> link.member).toList();
    }

    /** The live link to a member, when that incarnation is a member. */
    synchronized Optional<Link> liveLink(ClusterNode node) {
        Link link = members.get(node.id());
        return link != null && link.member.incarnation() == node.incarnation() ? Optional.of(link) : Optional.empty();
    }

    /**
     * The member that advertises an address (its name checked only when the address has
     * one).
     */
    synchronized Optional<ClusterNode> memberAt(NodeAddress address) {
        return members.values()
            .stream()
            .map(link -> link.member)
            .filter(member -> member.address().host().equals(address.host())
                    && member.address().port() == address.port()
                    && (address.name() == null || address.name().equals(member.name())))
            .findFirst();
    }

    /**
     * Refuses new links from now on and marks every live link as ending because this node
     * stops.
     * @return every open link, live ones first
     */
    synchronized List<Link> beginStop() {
        stopping = true;
        List<Link> open = new ArrayList<>(members.values());
        open.forEach(link -> link.closeReason = LeaveReason.STOPPED);
        links.stream().filter(link -> !open.contains(link)).forEach(open::add);
        return open;
    }

    /**
     * Reports the members whose close was never seen (their event loop ended first) as
     * left: this node stopped.
     */
    synchronized void finishStop() {
        new ArrayList<>(members.values()).forEach(link -> down(link, LeaveReason.STOPPED));
        links.clear();
    }

    private void down(Link link, LeaveReason reason) {
        link.state = Link.State.CLOSED;
        ClusterNode member = link.member;
        members.remove(member.id(), link);
        logger.debug("Peer {} left: {}", member, reason);
        call(() -> listener.peerDown(member, reason));
        for (Link other : links) {
            if (other.state == Link.State.SUPERSEDED && other.member != null && other.member.id().equals(member.id())) {
                other.channel.close();
            }
        }
        announce();
    }

    private void metadataChanged(ClusterNode member) {
        call(() -> listener.peerMetadataChanged(member));
    }

    private void announce() {
        if (!stopping) {
            announcer.membersChanged(this::sendAnnouncements);
        }
    }

    private synchronized void sendAnnouncements() {
        if (!stopping) {
            announcer.announce(members.values());
        }
    }

    private void call(Runnable listenerCall) {
        try {
            listenerCall.run();
        }
        catch (RuntimeException ex) {
            logger.warn("Transport listener failed; the transport carries on", ex);
        }
    }

}
