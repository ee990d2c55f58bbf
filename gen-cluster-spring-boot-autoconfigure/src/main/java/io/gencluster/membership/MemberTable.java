package io.gencluster.membership;

import io.gencluster.ClusterEvent;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;
import io.gencluster.PeerMetadataChangedEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import org.jspecify.annotations.Nullable;

/**
 * The members of the cluster, as the transport reports them: the one table of who is in,
 * turned into {@link PeerJoinedEvent}, {@link PeerMetadataChangedEvent} and
 * {@link PeerLeftEvent} (one INFO line each), published in order on the
 * {@code gen-cluster-events} thread so that no listener ever runs on a network thread.
 * <p>
 * Thread-safe: its lock guards the table, the endpoint index and the members being
 * pruned. Events are handed to the event thread with the lock held, so they are published
 * in the order the table changed; the lock is never held while calling out of this class
 * otherwise.
 */
final class MemberTable {

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Object source;

    private final ApplicationEventPublisher publisher;

    private final Object lock = new Object();

    private final Map<String, ClusterNode> members = new LinkedHashMap<>();

    /** Each member's id by the endpoint (host and port) it advertises. */
    private final Map<NodeAddress, String> idsByEndpoint = new HashMap<>();

    /**
     * The members disconnected because discovery no longer returns them: they leave as
     * {@code PRUNED}.
     */
    private final Set<String> pruning = new HashSet<>();

    /** Told of every leave, to tell flapping peers. */
    private final FlapWatch flaps;

    /** Told of every join and leave, to tell when this node is cut off. */
    private final IsolationWatch isolation;

    /** Each peer's last suspicion, which details the timeout that follows it. */
    private final Suspicions suspicions = new Suspicions();

    private volatile ExecutorService events;

    /**
     * A table with the default {@link FlapPolicy}, on the system clock.
     * @param source the source of every event: the cluster manager
     * @param publisher where events go
     */
    MemberTable(Object source, ApplicationEventPublisher publisher) {
        this(source, publisher, new FlapWatch(FlapPolicy.DEFAULT, Duration.ofSeconds(5), Clock.systemUTC()),
                new IsolationWatch(IsolationPolicy.DEFAULT, Clock.systemUTC()));
    }

    /**
     * @param source the source of every event: the cluster manager
     * @param publisher where events go
     * @param flaps told of every leave
     * @param isolation told of every join and leave
     */
    MemberTable(Object source, ApplicationEventPublisher publisher, FlapWatch flaps, IsolationWatch isolation) {
        this.source = source;
        this.publisher = publisher;
        this.flaps = flaps;
        this.isolation = isolation;
    }

    /** The peers' last suspicions; the transport's reports go there. */
    Suspicions suspicions() {
        return suspicions;
    }

    /** Starts the event thread; call before the transport can report a member. */
    void start() {
        events = Executors.newSingleThreadExecutor(DaemonThreads.named("gen-cluster-events"));
    }

    /**
     * Delivers the events already published, waiting a few seconds at most, then ends the
     * event thread.
     */
    void stop() {
        events.shutdown();
        try {
            if (!events.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("gen-cluster events were still being delivered {} after stop", STOP_WAIT);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the event thread at once: the cluster failed to start. */
    void abort() {
        events.shutdownNow();
    }

    /** The members, in the order they joined. */
    List<ClusterNode> members() {
        synchronized (lock) {
            return List.copyOf(members.values());
        }
    }

    /** The member with the given id, if it is one. */
    Optional<ClusterNode> member(String id) {
        synchronized (lock) {
            return Optional.ofNullable(members.get(id));
        }
    }

    /** Whether a member has that id. */
    boolean contains(String id) {
        synchronized (lock) {
            return members.containsKey(id);
        }
    }

    /**
     * Whether dialling an endpoint would reach a member: one advertises it, or the member
     * reached there the last time is still one.
     * @param endpoint host and port, without a name
     * @param reachedId the id of the node a dial of this endpoint reached, or
     * {@code null}
     */
    boolean covers(NodeAddress endpoint, @Nullable String reachedId) {
        synchronized (lock) {
            return reachedId != null && members.containsKey(reachedId) || idsByEndpoint.containsKey(endpoint);
        }
    }

    /**
     * The members that discovery no longer returns: neither advertising a discovered
     * endpoint nor reached through one.
     * @param discovered what discovery returned
     * @param reachedIds the ids of the nodes that dials of discovered endpoints reached
     */
    List<ClusterNode> undiscovered(Set<NodeAddress> discovered, Set<String> reachedIds) {
        synchronized (lock) {
            Set<String> kept = new HashSet<>(reachedIds);
            for (NodeAddress address : discovered) {
                Optional.ofNullable(idsByEndpoint.get(address.withoutName())).ifPresent(kept::add);
            }
            return members.values().stream().filter(node -> !kept.contains(node.id())).toList();
        }
    }

    /**
     * Marks members as being pruned, so that they leave as {@link LeaveReason#PRUNED}
     * once disconnected.
     * @return those of them that are still members (that incarnation)
     */
    List<ClusterNode> markPruning(List<ClusterNode> nodes) {
        synchronized (lock) {
            List<ClusterNode> marked = nodes.stream().filter(node -> {
                ClusterNode current = members.get(node.id());
                return current != null && current.isSameIncarnation(node);
            }).toList();
            marked.forEach(node -> pruning.add(node.id()));
            return marked;
        }
    }

    /**
     * A link to a node is up: it joins, unless that incarnation is a member already. A
     * new incarnation replaces the old one, which leaves first
     * ({@link LeaveReason#CONNECTION_LOST}).
     */
    void up(ClusterNode node) {
        synchronized (lock) {
            ClusterNode replaced = members.put(node.id(), node);
            idsByEndpoint.put(node.address().withoutName(), node.id());
            if (replaced != null && replaced.isSameIncarnation(node)) {
                return;
            }
            if (replaced != null) {
                log.info("Peer {} left: {} (restarted as {})", replaced, LeaveReason.CONNECTION_LOST,
                        node.incarnationHex());
                publish(new PeerLeftEvent(source, replaced, LeaveReason.CONNECTION_LOST));
                flaps.left(replaced);
                isolation.left(replaced, LeaveReason.CONNECTION_LOST, members.size() - 1);
            }
            log.info("Peer {} joined ({}, {} member(s))", node, node.direction(), members.size());
            publish(new PeerJoinedEvent(source, node));
            isolation.joined(node, members.size());
        }
    }

    /**
     * A member sent new metadata: it replaces the member's, once per change, while that
     * incarnation is a member.
     */
    void metadataChanged(ClusterNode node) {
        synchronized (lock) {
            ClusterNode current = members.get(node.id());
            if (current == null || !current.isSameIncarnation(node) || current.metadata().equals(node.metadata())) {
                return;
            }
            ClusterNode changed = current.withMetadata(node.metadata());
            members.put(node.id(), changed);
            log.info("Peer {} changed its metadata to {}", changed, changed.metadata());
            publish(new PeerMetadataChangedEvent(source, changed, current.metadata()));
        }
    }

    /**
     * A member's live link was replaced: its record now describes the kept link, without
     * an event.
     */
    void linkReplaced(ClusterNode node) {
        synchronized (lock) {
            members.computeIfPresent(node.id(),
                    (id, current) -> current.isSameIncarnation(node) ? node.withMetadata(current.metadata()) : current);
        }
    }

    /**
     * A link to a node is down: it leaves, when that incarnation is a member; as
     * {@link LeaveReason#PRUNED} instead of {@code DISCONNECTED} when it was pruned.
     * @return whether it was a member and left
     */
    boolean down(ClusterNode node, LeaveReason reason) {
        synchronized (lock) {
            ClusterNode current = members.get(node.id());
            if (current == null || !current.isSameIncarnation(node)) {
                return false;
            }
            members.remove(node.id());
            idsByEndpoint.remove(node.address().withoutName(), node.id());
            LeaveReason shown = pruning.remove(node.id()) && reason == LeaveReason.DISCONNECTED ? LeaveReason.PRUNED
                    : reason;
            String detail = suspicions.leaveDetail(node, shown);
            log.info("Peer {} left: {}{}", node, shown, detail.isEmpty() ? "" : " (" + detail + ")");
            publish(new PeerLeftEvent(source, node, shown, detail));
            flaps.left(node);
            isolation.left(node, shown, members.size());
            return true;
        }
    }

    private void publish(ClusterEvent event) {
        try {
            events.execute(() -> {
                try {
                    publisher.publishEvent(event);
                }
                catch (RuntimeException ex) {
                    log.error("A listener of {} failed", event, ex);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            log.warn("Dropped {}: the cluster has stopped", event);
        }
    }

}
