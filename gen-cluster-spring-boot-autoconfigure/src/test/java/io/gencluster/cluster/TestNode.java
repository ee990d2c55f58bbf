package io.gencluster.cluster;

import java.time.Duration;
import java.util.List;

import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.ClusterNode;
import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.testsupport.TestCookies;
import io.gencluster.transport.HostResolver;
import io.gencluster.transport.tcp.TcpTransport;
import io.gencluster.transport.tcp.TcpTransportSettings;

/**
 * One cluster node in the test JVM: a TCP transport on loopback and a manager, as a
 * second cluster is built in plain Java.
 */
final class TestNode implements AutoCloseable {

    final ClusterManager manager;

    final EventLog events;

    private TestNode(ClusterManager manager, EventLog events) {
        this.manager = manager;
        this.events = events;
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    ClusterNode self() {
        return manager.self();
    }

    List<String> memberIds() {
        return manager.members().stream().map(ClusterNode::id).sorted().toList();
    }

    @Override
    public void close() {
        manager.stop();
    }

    static final class Builder {

        private final String name;

        private int port;

        private String bindAddress = "127.0.0.1";

        private String advertiseHost = "127.0.0.1";

        private Duration heartbeatInterval = Duration.ofMillis(200);

        private Duration heartbeatTimeout = Duration.ofSeconds(2);

        private ClusterManagerSettings settings = ClusterManagerSettings.every(Duration.ofMillis(500));

        Builder(String name) {
            this.name = name;
        }

        Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Where it listens and the host it advertises; a {@code null} host is derived as
         * in production.
         */
        Builder bind(String bindAddress, String advertiseHost) {
            this.bindAddress = bindAddress;
            this.advertiseHost = advertiseHost;
            return this;
        }

        Builder heartbeat(Duration interval, Duration timeout) {
            this.heartbeatInterval = interval;
            this.heartbeatTimeout = timeout;
            return this;
        }

        Builder settings(ClusterManagerSettings settings) {
            this.settings = settings;
            return this;
        }

        TestNode start(DiscoveryStrategy... strategies) {
            TcpTransport transport = new TcpTransport(new TcpTransportSettings(name, bindAddress, port, advertiseHost,
                    TestCookies.SHARED, Duration.ofSeconds(2), Duration.ofSeconds(2), heartbeatInterval,
                    heartbeatTimeout, settings.connectAll(), 1024 * 1024, HostResolver.SYSTEM, null, null));
            EventLog log = new EventLog();
            ClusterManager manager = new ClusterManager(transport, List.of(strategies), settings, log);
            TestNode node = new TestNode(manager, log);
            manager.start();
            return node;
        }

    }

}
