package io.gencluster.transport;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

/**
 * Links between nodes: gen_cluster's {@code gc_dist} behaviour ({@code members},
 * {@code connect}, {@code disconnect}). The default is the authenticated TCP transport; a
 * bean of this type replaces it. Listener calls may come from network threads: listeners
 * hand them off and return at once.
 */
public interface ClusterTransport {

    /**
     * Opens the listening port and starts accepting authenticated peers.
     * @param listener told of every link that comes up or goes down, and of peers' member
     * lists
     * @throws Exception when the port cannot be opened
     */
    void start(TransportListener listener) throws Exception;

    /**
     * This node: its advertised address (with the bound port) and its incarnation. Valid
     * after {@link #start}.
     */
    ClusterNode self();

    /** The port used for addresses that name none. */
    int defaultPort();

    /** The peers with an authenticated link up now. */
    Collection<ClusterNode> members();

    /**
     * Dials a peer and authenticates it. Completes with the member (an existing one when
     * a link to that node is already up) or fails, with a {@link PeerRejectedException}
     * when the peer answered but was refused.
     * @param address where to dial; its port is set
     */
    CompletionStage<ClusterNode> connect(NodeAddress address);

    /**
     * Says goodbye to a member and closes its link; listeners see it leave with
     * {@link io.gencluster.LeaveReason#DISCONNECTED}.
     */
    CompletionStage<Void> disconnect(ClusterNode node);

    /**
     * Replaces this node's metadata ({@link io.gencluster.NodeMetadata}): {@link #self()}
     * carries it and every member is sent it, each reporting the change to its listener.
     * Before {@link #start}, it is what the first links carry. The default ignores it: a
     * transport that carries no metadata shows none.
     * @throws IllegalArgumentException when the metadata exceeds the bounds of
     * {@code NodeMetadata}
     */
    default void updateMetadata(Map<String, String> metadata) {
    }

    /** The last heartbeat round-trip time to a member, when one was measured. */
    default Optional<Duration> roundTripTime(ClusterNode node) {
        return Optional.empty();
    }

    /**
     * Writes an application message to a member's live link. Completes when the envelope
     * is written to the link (not when the peer has handled it), or fails at once, with
     * nothing queued, with an {@link EnvelopeNotSentException}: not a member, the link
     * went down, larger than the maximum frame size, or the link's outbound buffer is
     * above its high-water mark. The default carries nothing.
     * @param member the member (its incarnation must be the live one)
     * @param envelope the message
     * @return the write's outcome; may complete on a network thread
     */
    default CompletionStage<Void> send(ClusterNode member, Envelope envelope) {
        return CompletableFuture.failedFuture(new EnvelopeNotSentException(EnvelopeNotSentException.Reason.UNSUPPORTED,
                getClass().getSimpleName() + " carries no application messages", null));
    }

    /** Says goodbye to every member, closes every link and the listening port. */
    void stop();

}
