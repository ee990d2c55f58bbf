package io.gencluster.membership;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.LogThrottle;

/**
 * Dials the discovered (and, with {@code connect-all}, announced) peers that are not
 * members, at most one dial per endpoint at a time, backing off per peer after failures,
 * within its {@link DialLimits}: announced addresses are filtered and capped per member,
 * pending peers and dials in flight are bounded ({@link PendingPeers}). Remembers which
 * endpoints led back to this node and which member each successful dial reached, so
 * neither is dialled again while it is known.
 * <p>
 * Thread-safe: its lock guards the pending peers, the {@link DialledEndpoints} and the
 * announced addresses. It may take the {@link MemberTable}'s lock while holding its own,
 * never the reverse; dials and listener calls happen outside it.
 */
final class Dialler {

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private final ClusterTransport transport;

    private final ClusterManagerSettings settings;

    private final MemberTable members;

    private final FlapWatch flaps;

    private final Supplier<Set<NodeAddress>> discovered;

    private final Clock clock;

    private final List<ClusterActivityListener> activityListeners;

    private final Object lock = new Object();

    private final PendingPeers pending;

    private final AnnouncedMembers announced;

    /** The dials between {@code transport.connect} and their end. */
    final DialsInFlight inFlight = new DialsInFlight();

    /** One WARN a minute per limit: a hostile peer can hit them at every announcement. */
    private final LogThrottle limitWarnings = new LogThrottle(log, LogThrottle.DEFAULT_INTERVAL);

    private volatile boolean running;

    /** Set at start, guarded by the lock. */
    private DialledEndpoints endpoints;

    private volatile ScheduledExecutorService retries;

    /**
     * Dials with the transport, within the settings' limits and backoff, skipping the
     * members, holding off flapping peers; attempts are due by the clock.
     */
    Dialler(ClusterTransport transport, ClusterManagerSettings settings, MemberTable members, FlapWatch flaps,
            Supplier<Set<NodeAddress>> discovered, Clock clock, List<ClusterActivityListener> activityListeners) {
        this.transport = transport;
        this.settings = settings;
        this.members = members;
        this.flaps = flaps;
        this.discovered = discovered;
        this.clock = clock;
        this.activityListeners = activityListeners;
        this.pending = new PendingPeers(settings.limits());
        this.announced = new AnnouncedMembers(settings.limits());
    }

    /**
     * Starts dialling.
     * @param self this node, never dialled
     * @param retries where retries after a backoff run (the refresh thread)
     */
    void start(ClusterNode self, ScheduledExecutorService retries) {
        synchronized (lock) {
            endpoints = new DialledEndpoints(self);
        }
        this.retries = retries;
        running = true;
    }

    /** Dials nothing more. */
    void stop() {
        running = false;
    }

    /** Whether an address is this node's own, or one that led back to it. */
    boolean isSelf(NodeAddress address) {
        synchronized (lock) {
            return endpoints.isSelf(address.withoutName());
        }
    }

    /** Discovered peers that are not members yet, with their failed attempts. */
    List<PendingPeer> pending() {
        synchronized (lock) {
            return pending.view();
        }
    }

    /**
     * The members discovery no longer returns, if known: see {@link DialledEndpoints}.
     */
    Optional<List<ClusterNode>> undiscoveredMembers(Set<NodeAddress> found) {
        synchronized (lock) {
            return endpoints.undiscoveredMembers(found, members, pending);
        }
    }

    /**
     * Dials every discovered (or announced) peer that is not a member, not being dialled
     * and not backing off.
     */
    void dialMissing() {
        if (!running) {
            return;
        }
        Instant now = clock.instant();
        List<NodeAddress> toDial = new ArrayList<>();
        Set<ClusterLimit> hit = EnumSet.noneOf(ClusterLimit.class);
        synchronized (lock) {
            Map<NodeAddress, NodeAddress> found = new LinkedHashMap<>();
            discovered.get().forEach(address -> found.putIfAbsent(address.withoutName(), address));
            Map<NodeAddress, NodeAddress> heard = new LinkedHashMap<>();
            if (dialsAnnounced()) {
                announced.addresses()
                    .stream()
                    .filter(address -> !found.containsKey(address.withoutName()))
                    .forEach(address -> heard.putIfAbsent(address.withoutName(), address));
            }
            Set<NodeAddress> targets = new HashSet<>(found.keySet());
            targets.addAll(heard.keySet());
            pending.retainOnly(targets);
            found.values().forEach(target -> claimDial(target, false, now, hit).ifPresent(toDial::add));
            heard.values().forEach(target -> claimDial(target, true, now, hit).ifPresent(toDial::add));
        }
        reached(hit);
        toDial.forEach(this::dial);
    }

    /** A node joined: it is no longer pending. */
    void joined(ClusterNode node) {
        synchronized (lock) {
            pending.remove(node.address().withoutName());
            pending.memberJoined();
        }
    }

    /**
     * A node left: what it announced no longer counts; when flapping, it is not dialled
     * again before its hold-off ends.
     */
    void left(ClusterNode node) {
        synchronized (lock) {
            announced.forget(node.id());
            flaps.redialAfter(node.id())
                .ifPresent(until -> endpoints.endpointsOf(node).forEach(endpoint -> pending.holdOff(endpoint, until)));
        }
    }

    /**
     * A member announced who joined and left it: with connect-all, joined ones are
     * dialled.
     */
    void membersAnnounced(ClusterNode node, Set<NodeAddress> joined, Set<NodeAddress> left) {
        if (!dialsAnnounced()) {
            return;
        }
        List<NodeAddress> toDial = new ArrayList<>();
        Set<ClusterLimit> hit = EnumSet.noneOf(ClusterLimit.class);
        synchronized (lock) {
            if (!members.contains(node.id())) {
                return;
            }
            List<NodeAddress> kept = announced.apply(node.id(), joined, left, hit);
            if (running) {
                Instant now = clock.instant();
                kept.forEach(address -> claimDial(address, true, now, hit).ifPresent(toDial::add));
            }
        }
        reached(hit);
        toDial.forEach(this::dial);
    }

    /** Counts and logs (throttled) every limit that held something back. */
    void reached(Set<ClusterLimit> limits) {
        for (ClusterLimit limit : limits) {
            limitWarnings.warn(limit.tag(), "Limit {} reached: {}", limit.tag(), limit.description());
            activityListeners.forEach(listener -> listener.limitReached(limit));
        }
    }

    /**
     * Whether announced addresses are dialled: with prune-undiscovered only discovery
     * decides.
     */
    private boolean dialsAnnounced() {
        return settings.connectAll() && !settings.pruneUndiscovered();
    }

    /**
     * Marks a target as being dialled when it is not this node, not a member and not
     * already being dialled or backing off; guarded by the lock.
     */
    private Optional<NodeAddress> claimDial(NodeAddress target, boolean announced, Instant now, Set<ClusterLimit> hit) {
        NodeAddress endpoint = target.withoutName();
        if (endpoints.isSelf(endpoint) || members.covers(endpoint, endpoints.reachedId(endpoint))) {
            pending.remove(endpoint);
            return Optional.empty();
        }
        return pending.claim(target, announced, now, hit);
    }

    private void dial(NodeAddress address) {
        log.debug("Dialling {}", address);
        CompletableFuture<ClusterNode> attempt;
        inFlight.started();
        try {
            attempt = transport.connect(address).toCompletableFuture();
        }
        catch (RuntimeException ex) {
            attempt = CompletableFuture.failedFuture(ex);
        }
        attempt.whenComplete((node, failure) -> dialEnded(address, node, failure));
    }

    private void dialEnded(NodeAddress address, ClusterNode node, Throwable failure) {
        NodeAddress endpoint = address.withoutName();
        ConnectOutcome outcome = failure == null ? ConnectOutcome.SUCCESS : ConnectOutcome.of(failure);
        Duration retryIn = null;
        boolean slotAwaited;
        synchronized (lock) {
            Optional<PendingPeers.State> pendingState = pending.ended(endpoint);
            slotAwaited = pending.takeWaiting();
            if (outcome == ConnectOutcome.SUCCESS) {
                endpoints.reached(endpoint, node.id());
                pending.remove(endpoint);
            }
            else if (outcome == ConnectOutcome.SELF) {
                endpoints.ledToSelf(endpoint);
                pending.remove(endpoint);
            }
            else if (pendingState.isPresent()) {
                retryIn = pendingState.get().failed(failure, settings.backoff(), clock.instant());
            }
        }
        if (retryIn != null) {
            log.debug("Dialling {} failed ({}), next attempt in {} ms", address, ConnectOutcome.describe(failure),
                    retryIn.toMillis());
            scheduleDial(retryIn);
        }
        if (slotAwaited) {
            scheduleDial(Duration.ZERO);
        }
        activityListeners.forEach(listener -> listener.connectAttempted(address, outcome));
        inFlight.ended();
    }

    /**
     * Dials what is missing after a backoff (while refreshes run), or at once when a dial
     * slot came free.
     */
    private void scheduleDial(Duration delay) {
        if (running && (delay.isZero() || settings.refreshInterval().isPresent())) {
            try {
                retries.schedule(this::dialMissing, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException ex) {
                log.debug("Not scheduling a dial: stopping");
            }
        }
    }

}
