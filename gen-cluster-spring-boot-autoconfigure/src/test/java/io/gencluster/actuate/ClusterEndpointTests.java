package io.gencluster.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import io.gencluster.ClusterEvent;
import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.membership.DialLimits;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;
import io.gencluster.actuate.ClusterEndpoint.ClusterDescriptor;
import io.gencluster.actuate.ClusterEndpoint.MemberDescriptor;
import io.gencluster.actuate.ClusterEndpoint.PendingDescriptor;
import io.gencluster.actuate.ClusterEndpoint.RefreshDescriptor;
import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.discovery.StaticDiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class ClusterEndpointTests {

    private static final ClusterNode PEER = ScriptedTransport.node("b", 4371, 0xb1L, ClusterNode.Direction.OUTBOUND)
        .withMetadata(Map.of("web-port", "8081"));

    private static final NodeAddress NOBODY = NodeAddress.of("127.0.0.1", 4399);

    private final ScriptedTransport transport = new ScriptedTransport();

    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    private ClusterManager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }

    @Test
    void describesSelfDiscoveryMembersAndPendingPeers() {
        ClusterEndpoint endpoint = startedWithPeerAndNobody(ClusterManagerSettings.every(Duration.ofHours(1)));
        transport.roundTrip(PEER, Duration.ofNanos(1_523_400));

        ClusterDescriptor cluster = endpoint.cluster();

        assertThat(cluster.running()).isTrue();
        assertThat(cluster.self()).isEqualTo(new ClusterEndpoint.SelfDescriptor("a@127.0.0.1:4370", "a",
                "127.0.0.1:4370", "00000000000000a1", "2026-11-25T09:00:00Z", Map.of()));
        assertThat(cluster.strategies()).containsExactly("static [b@127.0.0.1:4371, 127.0.0.1:4399]");
        assertThat(cluster.refreshInterval()).isEqualTo(3_600_000L);
        assertThat(cluster.lastRefresh().discovered()).isEqualTo(2);
        assertThat(cluster.lastRefresh().errors()).isEmpty();
        assertThat(Instant.parse(cluster.lastRefresh().at())).isBefore(Instant.now().plusSeconds(1));
        assertThat(cluster.members()).containsExactly(new MemberDescriptor("b@127.0.0.1:4371", "127.0.0.1:4371",
                "00000000000000b1", "2026-11-25T09:00:00Z", 1.523, "outbound", Map.of("web-port", "8081")));
        assertThat(cluster.discovered()).containsExactly("127.0.0.1:4399", "b@127.0.0.1:4371");
        assertThat(cluster.pending()).singleElement().satisfies(pending -> {
            assertThat(pending.address()).isEqualTo("127.0.0.1:4399");
            assertThat(pending.attempts()).isPositive();
            assertThat(pending.lastError()).contains("Connection refused");
            assertThat(Instant.parse(pending.nextAttemptAt())).isAfter(Instant.parse(cluster.lastRefresh().at()));
        });
    }

    @Test
    void showsRefreshIntervalInfinityAsText() {
        ClusterManagerSettings once = new ClusterManagerSettings(Optional.empty(), false, true,
                ClusterManagerSettings.defaults().backoff(), DialLimits.defaults());
        ClusterEndpoint endpoint = startedWithPeerAndNobody(once);

        assertThat(endpoint.cluster().refreshInterval()).isEqualTo("infinity");
    }

    @Test
    void leavesRoundTripOutUntilMeasured() {
        ClusterEndpoint endpoint = startedWithPeerAndNobody(ClusterManagerSettings.every(Duration.ofHours(1)));

        assertThat(endpoint.member(PEER.id()).rttMs()).isNull();
    }

    /**
     * Fails if the manager keeps the record of a member's first link once the transport
     * replaced it: the end where the kept link came second then shows the wrong
     * direction.
     */
    @Test
    void showsTheDirectionOfTheLinkThatReplacedTheFirstOne() {
        ClusterEndpoint endpoint = startedWithPeerAndNobody(ClusterManagerSettings.every(Duration.ofHours(1)));

        transport.peerLinkReplaced(new ClusterNode(PEER.address(), PEER.incarnation(), PEER.connectedSince(),
                ClusterNode.Direction.INBOUND));

        assertThat(endpoint.member(PEER.id()).direction()).isEqualTo("inbound");
        assertThat(endpoint.member(PEER.id()).since()).isEqualTo("2026-11-25T09:00:00Z");
        assertThat(manager.members()).hasSize(1);
        await().during(Duration.ofMillis(200))
            .atMost(Duration.ofSeconds(10))
            .until(() -> events.stream().filter(PeerJoinedEvent.class::isInstance).count() == 1
                    && events.stream().noneMatch(PeerLeftEvent.class::isInstance));
    }

    @Test
    void describesOneMemberByIdAndNothingForUnknownIds() {
        ClusterEndpoint endpoint = startedWithPeerAndNobody(ClusterManagerSettings.every(Duration.ofHours(1)));

        assertThat(endpoint.member("b@127.0.0.1:4371").node()).isEqualTo("b@127.0.0.1:4371");
        assertThat(endpoint.member("b@127.0.0.1:9999")).isNull();
        assertThat(endpoint.disconnect("b@127.0.0.1:9999")).isNull();
        assertThat(manager.members()).hasSize(1);
    }

    @Test
    void disconnectedMemberLeavesWithReasonDisconnected() {
        ClusterEndpoint endpoint = startedWithPeerAndNobody(ClusterManagerSettings.every(Duration.ofHours(1)));

        MemberDescriptor gone = endpoint.disconnect(PEER.id());

        assertThat(gone.node()).isEqualTo(PEER.id());
        assertThat(endpoint.cluster().members()).isEmpty();
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(events).filteredOn(PeerLeftEvent.class::isInstance)
                .singleElement()
                .satisfies(
                        event -> assertThat(((PeerLeftEvent) event).getReason()).isEqualTo(LeaveReason.DISCONNECTED)));
    }

    /**
     * Fails if the HTTP delete does not answer 404 for an unknown member and 200 with the
     * member as it was for a known one ({@link ClusterEndpointWebExtension}).
     */
    @Test
    void overHttpADisconnectAnswersNotFoundForAnUnknownMemberAndTheMemberOtherwise() {
        ClusterEndpointWebExtension web = new ClusterEndpointWebExtension(
                startedWithPeerAndNobody(ClusterManagerSettings.every(Duration.ofHours(1))));

        WebEndpointResponse<MemberDescriptor> unknown = web.disconnect("b@127.0.0.1:9999");
        WebEndpointResponse<MemberDescriptor> known = web.disconnect(PEER.id());

        assertThat(unknown.getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
        assertThat(unknown.getBody()).isNull();
        assertThat(known.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
        assertThat(known.getBody().node()).isEqualTo(PEER.id());
    }

    /**
     * Fails if a disconnect interrupted while it waits for the link to close swallows the
     * interrupt: the thread that called it would not know it was asked to stop.
     */
    @Test
    void anInterruptedDisconnectFailsAndKeepsTheThreadInterrupted() {
        ScriptedTransport neverCloses = new ScriptedTransport() {
            @Override
            public CompletionStage<Void> disconnect(ClusterNode node) {
                return new CompletableFuture<>();
            }
        };
        neverCloses.accept(PEER);
        manager = new ClusterManager(neverCloses, List.of(new StaticDiscovery(List.of(PEER.address()))),
                ClusterManagerSettings.every(Duration.ofHours(1)), event -> {
                });
        manager.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.members().size() == 1);
        ClusterEndpoint endpoint = new ClusterEndpoint(manager);

        Thread.currentThread().interrupt();
        try {
            assertThatIllegalStateException().isThrownBy(() -> endpoint.disconnect(PEER.id()))
                .withMessageContaining("Interrupted");
        }
        finally {
            assertThat(Thread.interrupted()).as("still interrupted").isTrue();
        }
    }

    @Test
    void refreshRunsDiscoveryNowAndReportsFailingStrategies() {
        DiscoveryStrategy broken = new DiscoveryStrategy() {
            @Override
            public Set<NodeAddress> discover() throws Exception {
                throw new java.io.IOException("name server 10.9.9.9 did not answer");
            }

            @Override
            public String describe() {
                return "dns a cluster.example";
            }
        };
        manager = new ClusterManager(transport, List.of(new StaticDiscovery(List.of(PEER.address())), broken),
                ClusterManagerSettings.every(Duration.ofHours(1)), event -> events.add((ClusterEvent) event));
        manager.start();
        ClusterEndpoint endpoint = new ClusterEndpoint(manager);

        RefreshDescriptor refresh = endpoint.refresh();

        assertThat(refresh.discovered()).isEqualTo(1);
        assertThat(refresh.errors()).containsOnlyKeys("dns a cluster.example");
        assertThat(refresh.errors().get("dns a cluster.example")).contains("name server 10.9.9.9 did not answer");
        assertThat(refresh.durationMs()).isNotNegative();
        assertThat(endpoint.cluster().lastRefresh()).isEqualTo(refresh);
    }

    @Test
    void showsNoSelfBeforeTheClusterStarts() {
        manager = new ClusterManager(transport, List.of(new StaticDiscovery(List.of(NOBODY))),
                ClusterManagerSettings.defaults(), event -> {
                });

        ClusterDescriptor cluster = new ClusterEndpoint(manager).cluster();

        assertThat(cluster.running()).isFalse();
        assertThat(cluster.self()).isNull();
        assertThat(cluster.lastRefresh()).isNull();
        assertThat(cluster.members()).isEmpty();
    }

    @Test
    void pendingDescriptorShowsTheAddressAsConfigured() {
        PendingDescriptor pending = PendingDescriptor.of(new io.gencluster.membership.PendingPeer(
                NodeAddress.parse("c@[::1]:4372"), 3, "Connection refused", Instant.parse("2026-11-25T10:00:00Z")));

        assertThat(pending)
            .isEqualTo(new PendingDescriptor("c@[::1]:4372", 3, "Connection refused", "2026-11-25T10:00:00Z"));
    }

    private ClusterEndpoint startedWithPeerAndNobody(ClusterManagerSettings settings) {
        transport.accept(PEER);
        manager = new ClusterManager(transport, List.of(new StaticDiscovery(List.of(PEER.address(), NOBODY))), settings,
                event -> events.add((ClusterEvent) event));
        manager.start();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> manager.members().size() == 1 && manager.pending().size() == 1);
        return new ClusterEndpoint(manager);
    }

}
