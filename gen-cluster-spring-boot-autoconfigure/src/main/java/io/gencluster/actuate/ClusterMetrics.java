package io.gencluster.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.ApplicationListener;

import io.gencluster.membership.ClusterActivityListener;
import io.gencluster.ClusterEvent;
import io.gencluster.membership.ClusterLimit;
import io.gencluster.membership.ClusterManager;
import io.gencluster.ClusterNode;
import io.gencluster.membership.ConnectOutcome;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;
import io.gencluster.membership.RefreshResult;
import io.gencluster.transport.Suspicion;

/**
 * Micrometer meters of one {@link ClusterManager}: member and discovered gauges, refresh
 * and heartbeat round-trip timers, dial and membership-change counters. Tags take few
 * values (outcomes, event types, leave reasons), never node names or addresses. Every tag
 * combination is registered at binding, so a dashboard sees zeros before the first event.
 */
public class ClusterMetrics implements MeterBinder, ClusterActivityListener, ApplicationListener<ClusterEvent> {

    private static final String REFRESH = "gen.cluster.refresh";

    private static final String CONNECT = "gen.cluster.connect";

    private static final String PEER_EVENTS = "gen.cluster.peer.events";

    private static final String HEARTBEAT_RTT = "gen.cluster.heartbeat.rtt";

    private static final String LIMITS = "gen.cluster.limits";

    private static final String SUSPICIONS = "gen.cluster.suspicions";

    private static final String JOINED = "joined";

    private static final String LEFT = "left";

    private static final String NO_REASON = "none";

    private final ClusterManager manager;

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private final AtomicBoolean listening = new AtomicBoolean();

    /**
     * Creates the binder; it listens to the manager from the first {@link #bindTo}.
     * @param manager the cluster to measure; events of other managers are ignored
     */
    public ClusterMetrics(ClusterManager manager) {
        this.manager = manager;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gen.cluster.members", manager, cluster -> cluster.members().size())
            .description("Peers with an authenticated link up, this node not counted")
            .baseUnit("members")
            .register(registry);
        Gauge.builder("gen.cluster.discovered", manager, cluster -> cluster.discovered().size())
            .description("Peers the last refresh discovered, this node left out")
            .baseUnit("nodes")
            .register(registry);
        Gauge.builder("gen.cluster.flapping", manager, cluster -> cluster.flapping().size())
            .description("Peers that joined and left too often, dialled again only after a hold-off")
            .baseUnit("nodes")
            .register(registry);
        Gauge.builder("gen.cluster.isolated", manager, cluster -> cluster.isolation().isPresent() ? 1 : 0)
            .description("1 while this node is cut off from the cluster (lost most of its links at once), else 0")
            .register(registry);
        Gauge.builder("gen.cluster.links.missing", manager, cluster -> cluster.missingLinks().pairs().size())
            .description("Pairs of nodes (this one included) without a link between them, as members report")
            .baseUnit("pairs")
            .register(registry);
        refreshTimer(registry, true);
        refreshTimer(registry, false);
        for (ConnectOutcome outcome : ConnectOutcome.values()) {
            connectCounter(registry, outcome);
        }
        peerEventCounter(registry, JOINED, NO_REASON);
        for (LeaveReason reason : LeaveReason.values()) {
            peerEventCounter(registry, LEFT, tag(reason));
        }
        heartbeatTimer(registry);
        for (Suspicion.Outcome outcome : Suspicion.Outcome.values()) {
            suspicionCounter(registry, outcome);
        }
        for (ClusterLimit limit : ClusterLimit.values()) {
            limitCounter(registry, limit);
        }
        registries.add(registry);
        if (listening.compareAndSet(false, true)) {
            manager.addActivityListener(this);
        }
    }

    @Override
    public void refreshed(RefreshResult result) {
        registries.forEach(registry -> refreshTimer(registry, result.succeeded()).record(result.duration()));
    }

    @Override
    public void connectAttempted(NodeAddress address, ConnectOutcome outcome) {
        registries.forEach(registry -> connectCounter(registry, outcome).increment());
    }

    @Override
    public void heartbeatRoundTrip(ClusterNode node, Duration rtt) {
        registries.forEach(registry -> heartbeatTimer(registry).record(rtt));
    }

    @Override
    public void peerSuspected(ClusterNode node, Suspicion suspicion) {
        registries.forEach(registry -> suspicionCounter(registry, suspicion.outcome()).increment());
    }

    @Override
    public void limitReached(ClusterLimit limit) {
        registries.forEach(registry -> limitCounter(registry, limit).increment());
    }

    /** Counts joins and leaves of this manager's peers. */
    @Override
    public void onApplicationEvent(ClusterEvent event) {
        if (event.getSource() != manager) {
            return;
        }
        if (event instanceof PeerJoinedEvent) {
            registries.forEach(registry -> peerEventCounter(registry, JOINED, NO_REASON).increment());
        }
        else if (event instanceof PeerLeftEvent left) {
            registries.forEach(registry -> peerEventCounter(registry, LEFT, tag(left.getReason())).increment());
        }
    }

    private static Timer refreshTimer(MeterRegistry registry, boolean succeeded) {
        return Timer.builder(REFRESH)
            .description("Time discovery took at each refresh; failure when a strategy failed")
            .tag("outcome", succeeded ? "success" : "failure")
            .register(registry);
    }

    private static Counter connectCounter(MeterRegistry registry, ConnectOutcome outcome) {
        return Counter.builder(CONNECT)
            .description("Attempts to dial a peer, by how they ended")
            .tag("outcome", outcome.tag())
            .register(registry);
    }

    private static Counter peerEventCounter(MeterRegistry registry, String type, String reason) {
        return Counter.builder(PEER_EVENTS)
            .description("Peers joining and leaving, by leave reason")
            .tag("type", type)
            .tag("reason", reason)
            .register(registry);
    }

    private static Counter limitCounter(MeterRegistry registry, ClusterLimit limit) {
        return Counter.builder(LIMITS)
            .description("Times a bound on what peers announce or this node dials held something back")
            .tag("limit", limit.tag())
            .register(registry);
    }

    private static Counter suspicionCounter(MeterRegistry registry, Suspicion.Outcome outcome) {
        return Counter.builder(SUSPICIONS)
            .description("Members silent for the heartbeat timeout that the others were asked about, by outcome")
            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .register(registry);
    }

    private static Timer heartbeatTimer(MeterRegistry registry) {
        return Timer.builder(HEARTBEAT_RTT).description("Round-trip time of heartbeats to members").register(registry);
    }

    private static String tag(LeaveReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

}
