package io.gencluster.membership;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.Suspicion;
import io.gencluster.transport.TransportListener;

/**
 * A transport that counts the dials of each endpoint and answers them as the test
 * scripted: a node comes up, the address leads back to this node ({@code SELF}), or the
 * dial is refused. Dials complete before {@code connect} returns, so a
 * {@link ClusterManager#refresh()} has dialled everything it will when it returns.
 */
final class DialScript implements ClusterTransport {

    static final ClusterNode SELF = node("a", 4370, ClusterNode.Direction.LOCAL);

    private final Map<NodeAddress, ClusterNode> answering = new ConcurrentHashMap<>();

    private final Set<NodeAddress> leadingToSelf = ConcurrentHashMap.newKeySet();

    private final Map<NodeAddress, Integer> dials = new ConcurrentHashMap<>();

    private final Map<String, ClusterNode> members = new ConcurrentHashMap<>();

    private final List<CompletableFuture<ClusterNode>> held = new CopyOnWriteArrayList<>();

    private final Map<String, Duration> roundTrips = new ConcurrentHashMap<>();

    private volatile Map<String, String> metadata = Map.of();

    private volatile Runnable beforeStop = () -> {
    };

    private volatile boolean holding;

    private volatile boolean stopped;

    private volatile TransportListener listener;

    static ClusterNode node(String name, int port, ClusterNode.Direction direction) {
        return new ClusterNode(new NodeAddress(name, "127.0.0.1", port), name.hashCode(),
                Instant.parse("2026-11-25T09:00:00Z"), direction);
    }

    /** Dialling that endpoint brings the node up. */
    void answer(NodeAddress endpoint, ClusterNode node) {
        answering.put(endpoint.withoutName(), node);
    }

    /**
     * Dialling that endpoint reaches this node: the handshake says
     * {@code SELF_CONNECTION}.
     */
    void leadsToSelf(NodeAddress endpoint) {
        leadingToSelf.add(endpoint.withoutName());
    }

    /** How often the endpoint was dialled. */
    int dialsOf(NodeAddress endpoint) {
        return dials.getOrDefault(endpoint.withoutName(), 0);
    }

    /** From now on dials stay in flight until {@link #failHeldDials()}. */
    void holdDials() {
        holding = true;
    }

    /** Ends the first held dial still in flight as refused; the others stay held. */
    void failOneHeldDial() {
        held.stream()
            .filter(dial -> !dial.isDone())
            .findFirst()
            .ifPresent(dial -> dial.completeExceptionally(new ConnectException("Connection refused")));
    }

    /** Ends every held dial as refused. */
    void failHeldDials() {
        holding = false;
        held.forEach(dial -> dial.completeExceptionally(new ConnectException("Connection refused")));
    }

    /** Whether {@link #stop()} was called. */
    boolean stopped() {
        return stopped;
    }

    /** The link to that incarnation goes down, whatever this transport holds. */
    void linkDown(ClusterNode node, LeaveReason reason) {
        members.remove(node.id(), node);
        listener.peerDown(node, reason);
    }

    /** The others were asked about a silent member. */
    void suspected(ClusterNode node, Suspicion suspicion) {
        listener.peerSuspected(node, suspicion);
    }

    /** A member sent more addresses than an announcement may carry. */
    void refusesAnnouncementOf(ClusterNode member) {
        listener.announcementRefused(member);
    }

    /** A heartbeat to the member came back. */
    void heartbeat(ClusterNode member, Duration roundTrip) {
        roundTrips.put(member.id(), roundTrip);
        listener.heartbeatRoundTrip(member, roundTrip);
    }

    /** The node dials in. */
    void dialledBy(ClusterNode node) {
        members.put(node.id(), node);
        listener.peerUp(node);
    }

    /** A member tells who joined it. */
    void announces(ClusterNode member, Set<NodeAddress> joined) {
        listener.peerMembersAnnounced(member, joined, Set.of());
    }

    /** What happens as this transport is told to stop, before it drops its links. */
    void beforeStop(Runnable action) {
        beforeStop = action;
    }

    /** The metadata this node was last given. */
    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The listener the manager gave this transport, for the notices this script has no
     * method for.
     */
    TransportListener notices() {
        return listener;
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
        NodeAddress endpoint = address.withoutName();
        dials.merge(endpoint, 1, Integer::sum);
        if (holding) {
            CompletableFuture<ClusterNode> dial = new CompletableFuture<>();
            held.add(dial);
            return dial;
        }
        if (leadingToSelf.contains(endpoint)) {
            return CompletableFuture.failedFuture(new PeerRejectedException(
                    PeerRejectedException.Reason.SELF_CONNECTION, endpoint + " leads back to this node"));
        }
        ClusterNode node = answering.get(endpoint);
        if (node == null) {
            return CompletableFuture.failedFuture(new ConnectException("Connection refused: " + endpoint));
        }
        dialledBy(node);
        return CompletableFuture.completedFuture(node);
    }

    @Override
    public CompletionStage<Void> disconnect(ClusterNode node) {
        if (members.remove(node.id()) != null) {
            listener.peerDown(node, LeaveReason.DISCONNECTED);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<Duration> roundTripTime(ClusterNode node) {
        return Optional.ofNullable(roundTrips.get(node.id()));
    }

    @Override
    public void updateMetadata(Map<String, String> metadata) {
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public void stop() {
        beforeStop.run();
        stopped = true;
        members.values().forEach(node -> listener.peerDown(node, LeaveReason.SHUTDOWN));
        members.clear();
    }

}
