package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * One connection to a peer and what the handlers learned about it: who is at the other
 * end, whether the link is the member's live link, and why it ends. Shared by the
 * handlers of one channel.
 */
final class Link {

    /** Where a link is in its life. */
    enum State {

        /** Not yet authenticated. */
        HANDSHAKING,
        /** The live link of a member. */
        ACTIVE,
        /**
         * Lost to another link between the same pair; closes once both sides agree, never
         * reported.
         */
        SUPERSEDED,
        /** Reported down, or never came up. */
        CLOSED

    }

    private static final Logger logger = LoggerFactory.getLogger(Link.class);

    /**
     * Orders links between one pair the same way on both sides: the smaller one is kept.
     * The last key, the Noise handshake hash, is the same at both ends of a link and
     * differs between links.
     */
    static final Comparator<Link> KEEP_ORDER = Comparator.comparing((Link link) -> link.dialler().id())
        .thenComparingLong(link -> link.dialler().incarnation())
        .thenComparing((Link link) -> link.handshakeHash, Arrays::compareUnsigned);

    final Channel channel;

    final ClusterNode.Direction direction;

    /** Where this node dialled the link; {@code null} for accepted links. */
    final @Nullable NodeAddress dialled;

    private final ClusterNode self;

    volatile State state = State.HANDSHAKING;

    /** The peer as its hello described it; set by the handshake. */
    volatile ClusterNode peer;

    /**
     * The Noise handshake hash, equal at both ends of this link; set by the handshake.
     */
    volatile byte[] handshakeHash;

    /** The member this link carries once it is or was the live link. */
    volatile ClusterNode member;

    /** The peer has told us, over this link, that another link won. */
    volatile boolean peerSaidDuplicate;

    /** Why this link ends, when a handler knows better than "connection lost". */
    volatile LeaveReason closeReason;

    /**
     * {@link System#nanoTime()} when the last frame arrived after the handshake; set by
     * the heartbeat handler.
     */
    volatile long lastReadNanos = System.nanoTime();

    /**
     * The peer's questions about other members in the current second, and when that
     * second began; event-loop confined.
     */
    int questionsThisSecond;

    long questionSecondStartNanos;

    /** The last heartbeat round trip. */
    volatile Duration roundTripTime;

    /** The version of this node's metadata the handshake sent over this link. */
    volatile long sentMetadataVersion;

    /** The version of the metadata the peer's handshake sent over this link. */
    volatile long peerMetadataVersion;

    /**
     * The version of {@code member}'s metadata, while this is its live link; guarded by
     * the registry.
     */
    long metadataVersion;

    /**
     * Whether this member has been sent the full member list (later ones are changes);
     * guarded by the registry.
     */
    boolean membersAnnounced;

    /**
     * The links this node last reported over this link (later reports are changes), or
     * null before the first; guarded by the registry.
     */
    @Nullable Set<NodeAddress> linksReported;

    /** The links the peer reported over this link, as its changes add up. */
    final PeerLinks peerLinks = new PeerLinks();

    Link(Channel channel, ClusterNode.Direction direction, ClusterNode self, @Nullable NodeAddress dialled) {
        this.channel = channel;
        this.direction = direction;
        this.self = self;
        this.dialled = dialled;
    }

    /** The node that dialled this link. */
    ClusterNode dialler() {
        return direction == ClusterNode.Direction.OUTBOUND ? self : peer;
    }

    /**
     * Loses to the other link between the same pair: says so to the peer, and closes once
     * the peer has said the same (until then it may still carry the peer's last frames).
     */
    void supersede() {
        state = State.SUPERSEDED;
        send(new Message.Goodbye(Message.Goodbye.Reason.DUPLICATE));
        if (peerSaidDuplicate) {
            channel.close();
        }
    }

    /** Sends a message; a failed write is logged and closes the link. */
    ChannelFuture send(Message message) {
        return channel.writeAndFlush(message).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                logger.debug("Could not send {} to {}: {}", message, describe(), String.valueOf(future.cause()));
                future.channel().close();
            }
        });
    }

    /**
     * Sends a goodbye, then shuts this side's output and keeps reading until the peer
     * closes, or closes after {@code linger}: closing a socket with unread bytes in it
     * resets the connection, and the reset can destroy the goodbye before the peer has
     * read it.
     * @return the close of the channel
     */
    ChannelFuture sayGoodbye(Message.Goodbye.Reason reason, Duration linger) {
        send(new Message.Goodbye(reason)).addListener((ChannelFutureListener) sent -> {
            if (sent.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            }
            channel.eventLoop().schedule(() -> channel.close(), linger.toMillis(), TimeUnit.MILLISECONDS);
        });
        return channel.closeFuture();
    }

    /**
     * Takes this link's member down on this node's request, says goodbye and completes
     * {@code closed} once the link is closed; follows the link that replaced this one
     * when two links between the pair were resolved to one meanwhile.
     */
    void disconnect(LinkRegistry links, CompletableFuture<Void> closed, Duration linger) {
        try {
            channel.eventLoop().execute(() -> {
                if (links.disconnect(this)) {
                    sayGoodbye(Message.Goodbye.Reason.DISCONNECT, linger).addListener(future -> closed.complete(null));
                    return;
                }
                Optional<Link> successor = member == null ? Optional.empty() : links.liveLink(member);
                if (successor.isPresent() && successor.get() != this) {
                    successor.get().disconnect(links, closed, linger);
                }
                else {
                    closed.complete(null);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            closed.complete(null);
        }
    }

    /** The peer's id when known, else the remote socket address: for log lines. */
    String describe() {
        ClusterNode known = peer;
        return known != null ? known + " (" + channel.remoteAddress() + ")" : String.valueOf(channel.remoteAddress());
    }

}
