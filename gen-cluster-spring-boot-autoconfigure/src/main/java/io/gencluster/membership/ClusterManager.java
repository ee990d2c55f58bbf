package io.gencluster.membership;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
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
 * The {@code gen_cluster} process: refreshes discovery now and then every refresh
 * interval, has its {@link Dialler} dial discovered peers that are not members, and keeps
 * the members in its {@link MemberTable}, which publishes {@link PeerJoinedEvent} and
 * {@link PeerLeftEvent} in order on their own event thread. Application code reads the
 * members through {@link #membership()}.
 * <p>
 * As a Spring {@link SmartLifecycle} it joins after the web server is up and says goodbye
 * to every peer before the web server's graceful shutdown. It can also be built and
 * started in plain Java, for a second cluster in the same process.
 * <p>
 * It holds no lock: its own state is volatile, and the member table and the dialler each
 * guard theirs with one lock (the dialler's taken before the table's, never the reverse).
 */
public class ClusterManager implements SmartLifecycle {

    /**
     * Starts after the web server (phase {@code DEFAULT_PHASE - 2048}) and stops before
     * its graceful shutdown ({@code - 1024}).
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private static final Duration REFRESH_WAIT = Duration.ofSeconds(30);

    private final ClusterTransport transport;

    private final StrategyAnswers strategies;

    private final ClusterManagerSettings settings;

    private final List<ClusterActivityListener> activityListeners = new CopyOnWriteArrayList<>();

    private final List<TransportListener> linkListeners = new CopyOnWriteArrayList<>();

    private final MemberTable members;

    private final Dialler dialler;

    private final ClusterMembership membership;

    private final RefreshCycle cycle;

    private volatile boolean running;

    private volatile ClusterNode self;

    private ScheduledExecutorService refresher;

    /**
     * Creates a manager; nothing starts until {@link #start()}.
     * @param transport the links between nodes
     * @param strategies where peers are found (their union is used)
     * @param settings the refresh interval, pruning, connect-all and backoff
     * @param publisher where events go: the application context, or any lambda in plain
     * Java
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
        this.members = new MemberTable(this, publisher);
        this.dialler = new Dialler(transport, settings, members, this::discovered, clock, activityListeners);
        this.cycle = new RefreshCycle(transport, this.strategies, settings, clock, dialler, activityListeners);
        this.membership = new LiveMembership(this, members);
    }

    /**
     * The members as application code sees them: empty before {@link #start()} and after
     * {@link #stop()}, never throwing.
     */
    public ClusterMembership membership() {
        return membership;
    }

    /** Adds a listener for refreshes and dial attempts (metrics). */
    public void addActivityListener(ClusterActivityListener listener) {
        activityListeners.add(listener);
    }

    /**
     * Adds a listener told, on network threads, of members' links going up and down and
     * of the application messages they carry (messaging); add it before {@link #start()}.
     */
    public void addLinkListener(TransportListener listener) {
        linkListeners.add(listener);
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(daemon("gen-cluster-refresh"));
        members.start();
        try {
            transport.start(new LinkListener(members, dialler, activityListeners, linkListeners));
            self = transport.self();
            strategies.startAll(self);
        }
        catch (Exception ex) {
            transport.stop();
            refresher.shutdownNow();
            members.abort();
            throw new IllegalStateException("gen-cluster could not start: " + ex.getMessage(), ex);
        }
        dialler.start(self, refresher);
        running = true;
        log.info("gen-cluster node {} started; discovery: {}; refresh: {}", self,
                strategies.strategies().stream().map(DiscoveryStrategy::describe).toList(),
                settings.refreshInterval().map(Duration::toString).orElse("once (infinity)"));
        refresher.execute(cycle::run);
        settings.refreshInterval()
            .ifPresent(interval -> refresher.scheduleWithFixedDelay(cycle::run, interval.toMillis(),
                    interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        dialler.stop();
        refresher.shutdownNow();
        transport.stop();
        strategies.stopAll();
        members.stop();
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

    /**
     * This node: its advertised address, incarnation and current metadata, as the
     * transport has it.
     */
    public ClusterNode self() {
        if (self == null) {
            throw new IllegalStateException("gen-cluster has not started");
        }
        return transport.self();
    }

    /** The peers with a link up now, in the order they joined. */
    public List<ClusterNode> members() {
        return members.members();
    }

    /** The member with the given id ({@code name@host:port}), if it is one. */
    public Optional<ClusterNode> member(String id) {
        return members.member(id);
    }

    /**
     * What the last refresh found (this node left out), with each failing strategy's last
     * good answer.
     */
    public Set<NodeAddress> discovered() {
        return cycle.discovered();
    }

    /** Discovered peers that are not members yet, with their failed attempts. */
    public List<PendingPeer> pending() {
        return dialler.pending();
    }

    /** The last refresh, once one has run. */
    public Optional<RefreshResult> lastRefresh() {
        return cycle.last();
    }

    /** The descriptions of the discovery strategies. */
    public List<String> strategies() {
        return strategies.strategies().stream().map(DiscoveryStrategy::describe).toList();
    }

    /** The settings this manager runs with. */
    public ClusterManagerSettings settings() {
        return settings;
    }

    /**
     * Replaces this node's metadata ({@link io.gencluster.NodeMetadata}); each member is
     * sent it and publishes a {@code PeerMetadataChangedEvent}. To change one entry,
     * start from {@code self().metadata()}.
     * @throws IllegalArgumentException when the metadata exceeds the bounds of
     * {@code NodeMetadata}
     */
    public void updateMetadata(Map<String, String> metadata) {
        transport.updateMetadata(metadata);
    }

    /** The last heartbeat round-trip time to a member. */
    public Optional<Duration> roundTripTime(ClusterNode node) {
        return transport.roundTripTime(node);
    }

    /**
     * Refreshes now, on the refresh thread, and waits for it.
     * @throws IllegalStateException when the manager is not running or the refresh did
     * not finish in time
     */
    public RefreshResult refresh() {
        if (!running) {
            throw new IllegalStateException("gen-cluster is not running");
        }
        try {
            return refresher.submit(cycle::run).get(REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
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

    /**
     * Closes the link to a member; it leaves with {@link LeaveReason#DISCONNECTED} (and
     * may be dialled again at the next refresh).
     */
    public CompletionStage<Void> disconnect(ClusterNode node) {
        return transport.disconnect(node);
    }

    /** Closes the link to the member with that id, if it is one. */
    public Optional<CompletionStage<Void>> disconnect(String id) {
        return member(id).map(this::disconnect);
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

}
