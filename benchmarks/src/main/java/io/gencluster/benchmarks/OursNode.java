package io.gencluster.benchmarks;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.NodeAddress;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;
import io.gencluster.discovery.StaticDiscovery;
import io.gencluster.transport.HostResolver;
import io.gencluster.transport.tcp.TcpTransport;
import io.gencluster.transport.tcp.TcpTransportSettings;

/**
 * One gen-cluster node on loopback, with a static list of every node and the benchmark's
 * heartbeat settings.
 */
final class OursNode implements AutoCloseable {

    static final String COOKIE = "gen-cluster-benchmark-cookie";

    private final String name;

    private final int clusterSize;

    private final MeshListener listener;

    private final GatedDiscovery discovery;

    private final ClusterManager manager;

    private final Set<String> peers = new HashSet<>();

    private final long[] reachedAtNanos;

    OursNode(String name, int port, List<Integer> ports, MeshListener listener, boolean discoveryOpen,
            Heartbeats heartbeats) {
        this.name = name;
        this.clusterSize = ports.size();
        this.listener = listener;
        this.reachedAtNanos = new long[clusterSize];
        TcpTransport transport = new TcpTransport(new TcpTransportSettings(name, "127.0.0.1", port, "127.0.0.1", COOKIE,
                Duration.ofSeconds(2), Duration.ofSeconds(5), heartbeats.interval(), heartbeats.timeout(), true,
                TcpTransportSettings.DEFAULT_MAX_FRAME_SIZE, HostResolver.SYSTEM, null, null)
            // Every node dials from 127.0.0.1 here, where a deployment has one address
            // per
            // node: the bound per source address is raised to the bound in all.
            .withUnauthenticatedLimits(TcpTransportSettings.DEFAULT_MAX_UNAUTHENTICATED,
                    TcpTransportSettings.DEFAULT_MAX_UNAUTHENTICATED));
        this.discovery = new GatedDiscovery(
                new StaticDiscovery(ports.stream().map(p -> NodeAddress.of("127.0.0.1", p)).toList()), discoveryOpen);
        this.manager = new ClusterManager(transport, List.of(discovery),
                ClusterManagerSettings.every(heartbeats.refresh()), this::onEvent);
    }

    void start() {
        synchronized (peers) {
            reachedAtNanos[0] = System.nanoTime();
        }
        manager.start();
    }

    boolean isRunning() {
        return manager.isRunning();
    }

    /** Lets discovery find the other nodes and dials them now. */
    void openDiscovery() {
        discovery.open();
        manager.refresh();
    }

    /**
     * {@link System#nanoTime()} when this node first had {@code peers} members, 0 before.
     */
    long reachedAtNanos(int peers) {
        synchronized (this.peers) {
            return reachedAtNanos[peers];
        }
    }

    @Override
    public void close() {
        manager.stop();
    }

    private void onEvent(Object event) {
        if (event instanceof PeerJoinedEvent joined) {
            boolean meshed;
            synchronized (peers) {
                peers.add(joined.getNode().id());
                int size = peers.size();
                meshed = size == clusterSize - 1 && reachedAtNanos[size] == 0;
                if (reachedAtNanos[size] == 0) {
                    reachedAtNanos[size] = System.nanoTime();
                }
            }
            if (meshed) {
                listener.meshed(name);
            }
        }
        else if (event instanceof PeerLeftEvent left) {
            synchronized (peers) {
                peers.remove(left.getNode().id());
            }
            listener.left(name, left.getNode().name(), left.getReason().name());
        }
    }

}
