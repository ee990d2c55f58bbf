package io.gencluster.actuate;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.TransportListener;

/**
 * A transport whose peers the test decides: dialling an address it was told to accept
 * brings that peer up, any other address is refused, and links go down when the test
 * says.
 */
public class ScriptedTransport implements ClusterTransport {

    public static final ClusterNode SELF = node("a", 4370, 0xa1L, ClusterNode.Direction.LOCAL);

    private final Map<NodeAddress, ClusterNode> accepting = new ConcurrentHashMap<>();

    private final Map<String, ClusterNode> members = new ConcurrentHashMap<>();

    private final Map<String, Duration> roundTrips = new ConcurrentHashMap<>();

    private volatile TransportListener listener;

    public static ClusterNode node(String name, int port, long incarnation, ClusterNode.Direction direction) {
        return new ClusterNode(new NodeAddress(name, "127.0.0.1", port), incarnation,
                Instant.parse("2026-11-25T09:00:00Z"), direction);
    }

    /** Dialling the node's address will bring it up. */
    public void accept(ClusterNode node) {
        accepting.put(node.address().withoutName(), node);
    }

    /** The node dials in. */
    public void peerUp(ClusterNode node) {
        members.put(node.id(), node);
        listener.peerUp(node);
    }

    /**
     * The node's link is replaced by another one (both sides dialled at once), perhaps of
     * the other direction.
     */
    public void peerLinkReplaced(ClusterNode node) {
        members.put(node.id(), node);
        listener.peerLinkReplaced(node);
    }

    /** The node's link goes down. */
    public void peerDown(ClusterNode node, LeaveReason reason) {
        members.remove(node.id());
        listener.peerDown(node, reason);
    }

    public void roundTrip(ClusterNode node, Duration rtt) {
        roundTrips.put(node.id(), rtt);
    }

    @Override
    public void start(TransportListener listener) {
        this.listener = listener;
    }

    @Override
    public ClusterNode self() {
        return SELF;
    }

    @Override
    public int defaultPort() {
        return 4370;
    }

    @Override
    public Collection<ClusterNode> members() {
        return List.copyOf(members.values());
    }

    @Override
    public CompletionStage<ClusterNode> connect(NodeAddress address) {
        ClusterNode node = accepting.get(address.withoutName());
        if (node == null) {
            return CompletableFuture.failedFuture(new ConnectException("Connection refused: " + address.endpoint()));
        }
        peerUp(node);
        return CompletableFuture.completedFuture(node);
    }

    @Override
    public CompletionStage<Void> disconnect(ClusterNode node) {
        accepting.remove(node.address().withoutName());
        peerDown(node, LeaveReason.DISCONNECTED);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<Duration> roundTripTime(ClusterNode node) {
        return Optional.ofNullable(roundTrips.get(node.id()));
    }

    @Override
    public void stop() {
        members.values().forEach(node -> listener.peerDown(node, LeaveReason.DISCONNECTED));
        members.clear();
    }

}
