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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

    /** Starts after the web server ({@code - 2048}), stops before its shutdown. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private final ClusterTransport transport;

    private final StrategyAnswers strategies;

    private final ClusterManagerSettings settings;

    private final List<ClusterActivityListener> activityListeners = new CopyOnWriteArrayList<>();

    private final List<TransportListener> linkListeners = new CopyOnWriteArrayList<>();

    private final MemberTable members;

    private final FlapWatch flaps;

    private final IsolationWatch isolation;

    private final LinkMatrix links;

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
        this.flaps = new FlapWatch(settings.flapping(), settings.backoff().max(), clock);
        this.isolation = new IsolationWatch(settings.isolation(), clock);
        this.links = new LinkMatrix(settings.refreshInterval().orElse(Duration.ofSeconds(5)).multipliedBy(2), clock);
        this.members = new MemberTable(this, publisher, flaps, isolation);
        this.dialler = new Dialler(transport, settings, members, flaps, this::discovered, clock, activityListeners);
        this.cycle = new RefreshCycle(transport, this.strategies, settings, clock, dialler, members, flaps, links,
                activityListeners);
        this.membership = new LiveMembership(this, members);
    }

    /** The members for application code: empty unless running, never throwing. */
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
        refresher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gen-cluster-refresh"));
        members.start();
        try {
            transport.start(new LinkListener(members, dialler, links, activityListeners, linkListeners));
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

    /**
     * Completes once the first refresh has run and every dial it started has ended: the
     * links up, or the peers refused or unreachable.
     */
    public CompletableFuture<Void> firstDialsEnded() {
        return cycle.firstDialsEnded();
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

    /** This node: advertised address, incarnation and current metadata. */
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

    /** What the last refresh found (not this node), failing strategies' last answers. */
    public Set<NodeAddress> discovered() {
        return cycle.discovered();
    }

    /** Discovered peers that are not members yet, with their failed attempts. */
    public List<PendingPeer> pending() {
        return dialler.pending();
    }

    /** Members discovery no longer returns, before {@code prune-undiscovered-after}. */
    public List<UndiscoveredMember> undiscovered() {
        return cycle.undiscovered();
    }

    /** Peers that left too often ({@link ClusterManagerSettings#flapping()}). */
    public List<FlappingPeer> flapping() {
        return flaps.flapping();
    }

    /** Whether this node is cut off ({@link ClusterManagerSettings#isolation()}). */
    public Optional<Isolation> isolation() {
        return isolation.isolation();
    }

    /** Who sees whom: the pairs of nodes without a link, as the members report them. */
    public MissingLinks missingLinks() {
        return running ? links.view(self, members.members()) : MissingLinks.NONE;
    }

    /** Each peer's last suspicion: what the others said when it fell silent. */
    public List<SuspectedPeer> suspicions() {
        return members.suspicions().last();
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
     * Replaces this node's metadata ({@link io.gencluster.NodeMetadata}); each member
     * publishes a {@code PeerMetadataChangedEvent}. Start from {@code self().metadata()}.
     * @throws IllegalArgumentException beyond the bounds of {@code NodeMetadata}
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
        return cycle.runOn(refresher);
    }

    /** Dials an address now, whatever discovery says; completes with the member. */
    public CompletionStage<ClusterNode> connect(NodeAddress address) {
        return transport.connect(address.withDefaultPort(transport.defaultPort()));
    }

    /** Closes a member's link: it leaves as {@link LeaveReason#DISCONNECTED}. */
    public CompletionStage<Void> disconnect(ClusterNode node) {
        return transport.disconnect(node);
    }

    /** Closes the link to the member with that id, if it is one. */
    public Optional<CompletionStage<Void>> disconnect(String id) {
        return member(id).map(this::disconnect);
    }

}
