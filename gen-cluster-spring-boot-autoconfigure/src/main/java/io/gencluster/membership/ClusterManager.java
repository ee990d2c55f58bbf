package io.gencluster.membership;

import io.gencluster.ClusterEvent;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.TransportListener;

/**
 * The {@code gen_cluster} process: refreshes discovery now and then every refresh interval, dials
 * discovered peers that are not members (backing off per peer after failures) and publishes
 * {@link PeerJoinedEvent} and {@link PeerLeftEvent} in order on its own event thread.
 * <p>
 * As a Spring {@link SmartLifecycle} it joins after the web server is up and says goodbye to
 * every peer before the web server's graceful shutdown. It can also be built and started in plain
 * Java, for a second cluster in the same process.
 */
public class ClusterManager implements SmartLifecycle {

    /** Starts after the web server (phase {@code DEFAULT_PHASE - 2048}) and stops before its graceful shutdown ({@code - 1024}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ClusterTransport transport;

    private final StrategyAnswers strategies;

    private final ClusterManagerSettings settings;

    private final ApplicationEventPublisher publisher;

    private final Clock clock;

    private final List<ClusterActivityListener> activityListeners = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();

    private final Map<String, ClusterNode> members = new LinkedHashMap<>();

    /** Each member's id by the endpoint (host and port) it advertises. */
    private final Map<NodeAddress, String> memberIdsByEndpoint = new HashMap<>();

    private final Map<NodeAddress, String> reachedVia = new HashMap<>();

    private final Set<NodeAddress> selfEndpoints = new HashSet<>();

    private final Map<NodeAddress, PendingState> pending = new LinkedHashMap<>();

    private final AnnouncedMembers announced = new AnnouncedMembers();

    private final Set<String> pruning = new HashSet<>();

    private Set<NodeAddress> discovered = Set.of();

    private RefreshResult lastRefresh;

    private volatile boolean running;

    private volatile ClusterNode self;

    private ScheduledExecutorService refresher;

    private ExecutorService events;

    /**
     * Creates a manager; nothing starts until {@link #start()}.
     *
     * @param transport the links between nodes
     * @param strategies where peers are found (their union is used)
     * @param settings the refresh interval, pruning, connect-all and backoff
     * @param publisher where events go: the application context, or any lambda in plain Java
     */
    public ClusterManager(ClusterTransport transport, List<DiscoveryStrategy> strategies,
            ClusterManagerSettings settings, ApplicationEventPublisher publisher) {
        this(transport, strategies, settings, publisher, Clock.systemUTC());
    }

    ClusterManager(ClusterTransport transport, List<DiscoveryStrategy> strategies, ClusterManagerSettings settings,
            ApplicationEventPublisher publisher, Clock clock) {
        this.transport = transport;
        this.strategies = new StrategyAnswers(strategies);
        this.settings = settings;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Adds a listener for refreshes and dial attempts (metrics). */
    public void addActivityListener(ClusterActivityListener listener) {
        activityListeners.add(listener);
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(daemon("gen-cluster-refresh"));
        events = Executors.newSingleThreadExecutor(daemon("gen-cluster-events"));
        try {
            transport.start(new Listener());
            self = transport.self();
            for (DiscoveryStrategy strategy : strategies.strategies()) {
                strategy.start(self);
            }
        }
        catch (Exception ex) {
            transport.stop();
            refresher.shutdownNow();
            events.shutdownNow();
            throw new IllegalStateException("gen-cluster could not start: " + ex.getMessage(), ex);
        }
        running = true;
        log.info("gen-cluster node {} started; discovery: {}; refresh: {}", self,
                strategies.strategies().stream().map(DiscoveryStrategy::describe).toList(),
                settings.refreshInterval().map(Duration::toString).orElse("once (infinity)"));
        refresher.execute(this::refreshNow);
        settings.refreshInterval().ifPresent(interval -> refresher.scheduleWithFixedDelay(this::refreshNow,
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        refresher.shutdownNow();
        transport.stop();
        for (DiscoveryStrategy strategy : strategies.strategies()) {
            try {
                strategy.stop();
            }
            catch (RuntimeException ex) {
                log.warn("Discovery {} did not stop cleanly: {}", strategy.describe(), ex.toString());
            }
        }
        events.shutdown();
        try {
            if (!events.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("gen-cluster events were still being delivered {} after stop", STOP_WAIT);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        log.info("gen-cluster node {} stopped", self);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** This node: its advertised address and incarnation. */
    public ClusterNode self() {
        ClusterNode current = self;
        if (current == null) {
            throw new IllegalStateException("gen-cluster has not started");
        }
        return current;
    }

    /** The peers with a link up now, in the order they joined. */
    public List<ClusterNode> members() {
        synchronized (lock) {
            return List.copyOf(members.values());
        }
    }

    /** The member with the given id ({@code name@host:port}), if it is one. */
    public Optional<ClusterNode> member(String id) {
        synchronized (lock) {
            return Optional.ofNullable(members.get(id));
        }
    }

    /** What the last refresh found (this node left out), with each failing strategy's last good answer. */
    public Set<NodeAddress> discovered() {
        synchronized (lock) {
            return discovered;
        }
    }

    /** Discovered peers that are not members yet, with their failed attempts. */
    public List<PendingPeer> pending() {
        synchronized (lock) {
            return pending.values().stream().filter(state -> state.attempts > 0).map(PendingState::view).toList();
        }
    }

    /** The last refresh, once one has run. */
    public Optional<RefreshResult> lastRefresh() {
        synchronized (lock) {
            return Optional.ofNullable(lastRefresh);
        }
    }

    /** The descriptions of the discovery strategies. */
    public List<String> strategies() {
        return strategies.strategies().stream().map(DiscoveryStrategy::describe).toList();
    }

    /** The settings this manager runs with. */
    public ClusterManagerSettings settings() {
        return settings;
    }

    /** The last heartbeat round-trip time to a member. */
    public Optional<Duration> roundTripTime(ClusterNode node) {
        return transport.roundTripTime(node);
    }

    /**
     * Refreshes now, on the refresh thread, and waits for it.
     *
     * @throws IllegalStateException when the manager is not running or the refresh did not finish in time
     */
    public RefreshResult refresh() {
        if (!running) {
            throw new IllegalStateException("gen-cluster is not running");
        }
        try {
            return refresher.submit(this::refreshNow).get(STOP_WAIT.toMillis() * 6, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while refreshing", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Refresh failed: " + ex.getMessage(), ex);
        }
    }

    /** Dials an address now, whatever discovery says; completes with the member. */
    public CompletionStage<ClusterNode> connect(NodeAddress address) {
        return transport.connect(address.withDefaultPort(transport.defaultPort()));
    }

    /** Closes the link to a member; it leaves with {@link LeaveReason#DISCONNECTED} (and may be dialled again at the next refresh). */
    public CompletionStage<Void> disconnect(ClusterNode node) {
        return transport.disconnect(node);
    }

    /** Closes the link to the member with that id, if it is one. */
    public Optional<CompletionStage<Void>> disconnect(String id) {
        return member(id).map(this::disconnect);
    }

    private RefreshResult refreshNow() {
        Instant at = clock.instant();
        Map<String, String> errors = new LinkedHashMap<>();
        Set<NodeAddress> found = new HashSet<>();
        for (NodeAddress address : strategies.askAll(errors)) {
            NodeAddress withPort = address.withDefaultPort(transport.defaultPort());
            if (!isSelf(withPort)) {
                found.add(withPort);
            }
        }
        RefreshResult result = new RefreshResult(at, Duration.between(at, clock.instant()), found, errors);
        List<ClusterNode> toPrune;
        synchronized (lock) {
            discovered = result.discovered();
            lastRefresh = result;
            toPrune = settings.pruneUndiscovered() ? undiscoveredMembers() : List.of();
            pruning.addAll(toPrune.stream().map(ClusterNode::id).toList());
        }
        log.debug("Refresh found {} peer(s) in {} ms{}", found.size(), result.duration().toMillis(),
                errors.isEmpty() ? "" : ", errors: " + errors);
        toPrune.forEach(node -> {
            log.info("Pruning {}: discovery no longer returns it", node);
            transport.disconnect(node);
        });
        dialMissing();
        activityListeners.forEach(listener -> listener.refreshed(result));
        return result;
    }

    private boolean isSelf(NodeAddress address) {
        NodeAddress endpoint = address.withoutName();
        synchronized (lock) {
            return endpoint.equals(self.address().withoutName()) || selfEndpoints.contains(endpoint);
        }
    }

    private List<ClusterNode> undiscoveredMembers() {
        Set<String> kept = new HashSet<>();
        for (NodeAddress address : discovered) {
            NodeAddress endpoint = address.withoutName();
            Optional.ofNullable(reachedVia.get(endpoint)).ifPresent(kept::add);
            Optional.ofNullable(memberIdsByEndpoint.get(endpoint)).ifPresent(kept::add);
        }
        return members.values().stream().filter(node -> !kept.contains(node.id())).toList();
    }

    private void dialMissing() {
        if (!running) {
            return;
        }
        Instant now = clock.instant();
        List<NodeAddress> toDial = new ArrayList<>();
        synchronized (lock) {
            Map<NodeAddress, NodeAddress> targets = new LinkedHashMap<>();
            discovered.forEach(address -> targets.putIfAbsent(address.withoutName(), address));
            if (settings.connectAll() && !settings.pruneUndiscovered()) {
                announced.addresses().forEach(address -> targets.putIfAbsent(address.withoutName(), address));
            }
            pending.keySet().retainAll(targets.keySet());
            targets.values().forEach(target -> claimDial(target, now).ifPresent(toDial::add));
        }
        toDial.forEach(this::dial);
    }

    /**
     * Marks a target as being dialled when it is not this node, not a member and not already being
     * dialled or backing off; guarded by the lock.
     */
    private Optional<NodeAddress> claimDial(NodeAddress target, Instant now) {
        NodeAddress endpoint = target.withoutName();
        if (selfEndpoints.contains(endpoint) || endpoint.equals(self.address().withoutName())
                || isMemberEndpoint(endpoint)) {
            pending.remove(endpoint);
            return Optional.empty();
        }
        PendingState state = pending.computeIfAbsent(endpoint, key -> new PendingState(target));
        if (state.inFlight || now.isBefore(state.nextAttemptAt)) {
            return Optional.empty();
        }
        state.inFlight = true;
        return Optional.of(target);
    }

    private boolean isMemberEndpoint(NodeAddress endpoint) {
        String id = reachedVia.get(endpoint);
        return id != null && members.containsKey(id) || memberIdsByEndpoint.containsKey(endpoint);
    }

    private void dial(NodeAddress address) {
        log.debug("Dialling {}", address);
        CompletableFuture<ClusterNode> attempt;
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
        synchronized (lock) {
            PendingState state = pending.get(endpoint);
            if (outcome == ConnectOutcome.SUCCESS) {
                reachedVia.put(endpoint, node.id());
                pending.remove(endpoint);
            }
            else if (outcome == ConnectOutcome.SELF) {
                selfEndpoints.add(endpoint);
                pending.remove(endpoint);
            }
            else if (state != null) {
                state.inFlight = false;
                state.attempts++;
                state.lastError = describe(failure);
                retryIn = settings.backoff().delayAfter(state.attempts, ThreadLocalRandom.current()::nextDouble);
                state.nextAttemptAt = clock.instant().plus(retryIn);
            }
        }
        if (retryIn != null) {
            log.debug("Dialling {} failed ({}), next attempt in {} ms", address, describe(failure), retryIn.toMillis());
            scheduleDial(retryIn);
        }
        activityListeners.forEach(listener -> listener.connectAttempted(address, outcome));
    }

    private void scheduleDial(Duration delay) {
        if (running && settings.refreshInterval().isPresent()) {
            try {
                refresher.schedule(this::dialMissing, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException ex) {
                log.debug("Not scheduling a dial: stopping");
            }
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null
                && (cause.getMessage() == null || cause instanceof CompletionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
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

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Turns the transport's notices into membership and events; runs on network threads, so it only records and hands off. */
    private final class Listener implements TransportListener {

        @Override
        public void peerUp(ClusterNode node) {
            ClusterNode replaced;
            synchronized (lock) {
                replaced = members.put(node.id(), node);
                memberIdsByEndpoint.put(node.address().withoutName(), node.id());
                pending.remove(node.address().withoutName());
            }
            if (replaced != null && !replaced.isSameIncarnation(node)) {
                log.info("Peer {} left: {} (restarted as {})", replaced, LeaveReason.CONNECTION_LOST, node.incarnationHex());
                publish(new PeerLeftEvent(ClusterManager.this, replaced, LeaveReason.CONNECTION_LOST));
            }
            if (replaced == null || !replaced.isSameIncarnation(node)) {
                log.info("Peer {} joined ({}, {} member(s))", node, node.direction(), members().size());
                publish(new PeerJoinedEvent(ClusterManager.this, node));
            }
        }

        @Override
        public void peerDown(ClusterNode node, LeaveReason reason) {
            LeaveReason shown = reason;
            synchronized (lock) {
                ClusterNode current = members.get(node.id());
                if (current == null || !current.isSameIncarnation(node)) {
                    return;
                }
                members.remove(node.id());
                memberIdsByEndpoint.remove(node.address().withoutName(), node.id());
                announced.forget(node.id());
                if (pruning.remove(node.id()) && reason == LeaveReason.DISCONNECTED) {
                    shown = LeaveReason.PRUNED;
                }
            }
            log.info("Peer {} left: {}", node, shown);
            publish(new PeerLeftEvent(ClusterManager.this, node, shown));
        }

        @Override
        public void heartbeatRoundTrip(ClusterNode node, Duration roundTrip) {
            activityListeners.forEach(listener -> listener.heartbeatRoundTrip(node, roundTrip));
        }

        @Override
        public void peerMembersAnnounced(ClusterNode node, Set<NodeAddress> joined, Set<NodeAddress> left) {
            if (!settings.connectAll() || settings.pruneUndiscovered()) {
                return;
            }
            List<NodeAddress> toDial = new ArrayList<>();
            synchronized (lock) {
                if (!members.containsKey(node.id())) {
                    return;
                }
                announced.apply(node.id(), joined, left);
                if (running) {
                    Instant now = clock.instant();
                    joined.forEach(address -> claimDial(address, now).ifPresent(toDial::add));
                }
            }
            toDial.forEach(ClusterManager.this::dial);
        }
    }

    /** The dial state of one target; guarded by the manager's lock. */
    private static final class PendingState {

        private final NodeAddress address;

        private int attempts;

        private String lastError;

        private Instant nextAttemptAt = Instant.MIN;

        private boolean inFlight;

        PendingState(NodeAddress address) {
            this.address = address;
        }

        PendingPeer view() {
            return new PendingPeer(address, attempts, lastError, nextAttemptAt);
        }
    }
}
