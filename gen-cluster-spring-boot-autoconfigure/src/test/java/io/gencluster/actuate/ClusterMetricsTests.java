package io.gencluster.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterEvent;
import io.gencluster.membership.ClusterLimit;
import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.discovery.StaticDiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterMetricsTests {

    private static final ClusterNode PEER = ScriptedTransport.node("b", 4371, 0xb1L, ClusterNode.Direction.OUTBOUND);

    private static final NodeAddress NOBODY = NodeAddress.of("127.0.0.1", 4399);

    private final ScriptedTransport transport = new ScriptedTransport();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final AtomicBoolean discoveryFails = new AtomicBoolean();

    private ClusterManager manager;

    private ClusterMetrics metrics;

    @AfterEach
    void stop() {
        manager.stop();
    }

    @Test
    void gaugesFollowMembersAndDiscoveredPeers() {
        start();

        assertThat(registry.get("gen.cluster.members").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("gen.cluster.discovered").gauge().value()).isEqualTo(2.0);

        ClusterNode inbound = ScriptedTransport.node("c", 4372, 0xc1L, ClusterNode.Direction.INBOUND);
        transport.peerUp(inbound);
        assertThat(registry.get("gen.cluster.members").gauge().value()).isEqualTo(2.0);
    }

    @Test
    void countsDialAttemptsByOutcome() {
        start();

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(
                    () -> assertThat(registry.get("gen.cluster.connect").tag("outcome", "refused").counter().count())
                        .isGreaterThanOrEqualTo(1.0));
        assertThat(registry.get("gen.cluster.connect").tag("outcome", "success").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("gen.cluster.connect").tag("outcome", "auth-failed").counter().count()).isZero();
    }

    @Test
    void timesRefreshesBySuccessAndFailure() {
        start();
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(
                    () -> assertThat(registry.get("gen.cluster.refresh").tag("outcome", "success").timer().count())
                        .isEqualTo(1));

        discoveryFails.set(true);
        manager.refresh();

        assertThat(registry.get("gen.cluster.refresh").tag("outcome", "failure").timer().count()).isEqualTo(1);
        assertThat(registry.get("gen.cluster.refresh").tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void countsJoinsAndLeavesByReason() {
        start();
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(peerEvents("joined", "none")).isEqualTo(1));

        transport.peerDown(PEER, LeaveReason.HEARTBEAT_TIMEOUT);

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(peerEvents("left", "heartbeat_timeout")).isEqualTo(1));
        for (LeaveReason other : List.of(LeaveReason.SHUTDOWN, LeaveReason.CONNECTION_LOST, LeaveReason.DISCONNECTED,
                LeaveReason.PRUNED, LeaveReason.STOPPED)) {
            assertThat(peerEvents("left", other.name().toLowerCase())).isZero();
        }
        assertThat(peerEvents("joined", "none")).isEqualTo(1);
    }

    @Test
    void ignoresEventsOfAnotherCluster() {
        start();
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(peerEvents("joined", "none")).isEqualTo(1));

        metrics.onApplicationEvent(new PeerJoinedEvent(new Object(), PEER));

        assertThat(peerEvents("joined", "none")).isEqualTo(1);
    }

    @Test
    void recordsHeartbeatRoundTrips() {
        start();

        metrics.heartbeatRoundTrip(PEER, Duration.ofMillis(2));
        metrics.heartbeatRoundTrip(PEER, Duration.ofMillis(4));

        assertThat(registry.get("gen.cluster.heartbeat.rtt").timer().count()).isEqualTo(2);
        assertThat(registry.get("gen.cluster.heartbeat.rtt").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(registry.get("gen.cluster.heartbeat.rtt").timer().getId().getTags()).isEmpty();
    }

    /**
     * Fails if a bound that held something back is not counted under its own tag, or is
     * counted under another.
     */
    @Test
    void countsEachLimitReachedUnderItsTag() {
        start();

        metrics.limitReached(ClusterLimit.PENDING_PEERS);
        metrics.limitReached(ClusterLimit.PENDING_PEERS);

        for (ClusterLimit limit : ClusterLimit.values()) {
            assertThat(registry.get("gen.cluster.limits").tag("limit", limit.tag()).counter().count()).as(limit.tag())
                .isEqualTo(limit == ClusterLimit.PENDING_PEERS ? 2.0 : 0.0);
        }
    }

    @Test
    void registersEveryTagValueAtBindingAndNoNodeInTags() {
        start();

        assertThat(registry.get("gen.cluster.connect").counters()).hasSize(7);
        assertThat(registry.get("gen.cluster.peer.events").counters()).hasSize(1 + LeaveReason.values().length);
        assertThat(registry.get("gen.cluster.refresh").timers()).hasSize(2);
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).doesNotContain("127.0.0.1").doesNotContain("@").doesNotContain("4371");
            }
        }
    }

    @Test
    void countsOnceInEachOfSeveralRegistries() {
        MeterRegistry second = new SimpleMeterRegistry();
        start();
        metrics.bindTo(second);

        manager.refresh();

        assertThat(registry.get("gen.cluster.refresh").tag("outcome", "success").timer().count()).isEqualTo(2);
        assertThat(second.get("gen.cluster.refresh").tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    private double peerEvents(String type, String reason) {
        return registry.get("gen.cluster.peer.events").tag("type", type).tag("reason", reason).counter().count();
    }

    private void start() {
        DiscoveryStrategy flaky = new DiscoveryStrategy() {
            @Override
            public Set<NodeAddress> discover() {
                if (discoveryFails.get()) {
                    throw new IllegalStateException("source unreachable");
                }
                return Set.of();
            }
        };
        transport.accept(PEER);
        manager = new ClusterManager(transport, List.of(new StaticDiscovery(List.of(PEER.address(), NOBODY)), flaky),
                ClusterManagerSettings.every(Duration.ofHours(1)),
                event -> metrics.onApplicationEvent((ClusterEvent) event));
        metrics = new ClusterMetrics(manager);
        metrics.bindTo(registry);
        manager.start();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> manager.members().size() == 1 && manager.pending().size() == 1);
    }

}
