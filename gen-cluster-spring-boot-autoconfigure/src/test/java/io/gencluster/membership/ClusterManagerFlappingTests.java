package io.gencluster.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.ClusterEvent;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerJoinedEvent;
import io.gencluster.PeerLeftEvent;
import io.gencluster.discovery.DiscoveryStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flapping: a peer that leaves three times within a minute is marked flapping (one WARN),
 * dialled again only after a hold-off that grows at each further leave, and stable again
 * (one INFO) after a minute without leaving; its joins and leaves still pair up. On the
 * manager's clock; only {@link ClusterManager#refresh()} dials.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterManagerFlappingTests {

    private static final FlapPolicy THREE_IN_A_MINUTE = new FlapPolicy(3, Duration.ofMinutes(1));

    /** Refreshes every hour (the test refreshes), flapping hold-off from 5 s. */
    private static final ClusterManagerSettings SETTINGS = new ClusterManagerSettings(Optional.of(Duration.ofHours(1)),
            false, true, new ReconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5)), DialLimits.defaults(),
            Duration.ZERO, THREE_IN_A_MINUTE, IsolationPolicy.DEFAULT);

    private static final ClusterNode B = DialScript.node("b", 4371, ClusterNode.Direction.OUTBOUND);

    private static final NodeAddress B_ENDPOINT = B.address().withoutName();

    private final DialScript transport = new DialScript();

    private final DiscoveryStrategy discovery = () -> Set.of(B_ENDPOINT);

    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    private final TestClock clock = new TestClock();

    private final ClusterManager manager = new ClusterManager(transport, List.of(discovery), SETTINGS,
            event -> events.add((ClusterEvent) event), clock);

    @BeforeEach
    void joinB() {
        transport.answer(B_ENDPOINT, B);
        manager.start();
        manager.refresh();
        assertThat(manager.members()).containsExactly(B);
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    /**
     * Fails if a peer is marked flapping before the threshold, if a flapping peer is
     * dialled again at once, or if the hold-off does not grow.
     */
    @Test
    void aPeerThatLeavesTooOftenIsDialledAgainOnlyAfterAGrowingHoldOff(CapturedOutput output) {
        for (int leave = 1; leave < 3; leave++) {
            leaveAndRefresh();
            assertThat(manager.members()).as("redialled at once after leave %d", leave).containsExactly(B);
            assertThat(manager.flapping()).isEmpty();
        }

        Instant thirdLeave = clock.instant();
        leaveAndRefresh();
        assertThat(manager.members()).isEmpty();
        assertThat(manager.flapping()).singleElement().satisfies(peer -> {
            assertThat(peer.id()).isEqualTo(B.id());
            assertThat(peer.leaves()).isEqualTo(3);
            assertThat(peer.since()).isEqualTo(thirdLeave);
            assertThat(Duration.between(thirdLeave, peer.redialAfter())).isBetween(Duration.ofMillis(2500),
                    Duration.ofSeconds(5));
        });
        assertThat(manager.pending()).extracting(PendingPeer::address).containsExactly(B_ENDPOINT);

        clock.advance(Duration.ofSeconds(5));
        manager.refresh();
        assertThat(manager.members()).containsExactly(B);

        Instant fourthLeave = clock.instant();
        leaveAndRefresh();
        assertThat(manager.members()).isEmpty();
        assertThat(manager.flapping()).singleElement()
            .satisfies(peer -> assertThat(Duration.between(fourthLeave, peer.redialAfter()))
                .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(transport.dialsOf(B_ENDPOINT)).as("one dial at start, after each leave but the held ones")
            .isEqualTo(4);
        assertThat(output.getOut()).containsOnlyOnce("is flapping");
    }

    /**
     * Fails if a flapping peer never becomes stable, or is declared stable while it still
     * leaves within the window.
     */
    @Test
    void aFlappingPeerIsStableAgainAfterAWholeWindowWithoutLeaving(CapturedOutput output) {
        for (int leave = 0; leave < 3; leave++) {
            leaveAndRefresh();
            clock.advance(Duration.ofSeconds(10));
        }
        manager.refresh();
        assertThat(manager.flapping()).hasSize(1);

        clock.advance(Duration.ofSeconds(39));
        manager.refresh();
        assertThat(manager.flapping()).as("the last leave is 49 s old").hasSize(1);

        clock.advance(Duration.ofSeconds(12));
        manager.refresh();
        assertThat(manager.flapping()).isEmpty();
        assertThat(manager.members()).containsExactly(B);
        assertThat(output.getOut()).containsOnlyOnce("is stable again");
    }

    /** Fails if flapping changes the events: every join must still have one leave. */
    @Test
    void everyJoinOfAFlappingPeerStillHasExactlyOneLeave() {
        for (int leave = 0; leave < 5; leave++) {
            leaveAndRefresh();
            clock.advance(Duration.ofMinutes(1));
            manager.refresh();
        }
        transport.linkDown(B, LeaveReason.CONNECTION_LOST);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 12);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i)).isInstanceOf(i % 2 == 0 ? PeerJoinedEvent.class : PeerLeftEvent.class);
        }
    }

    /**
     * Fails if a refresh does not tell that a flapping peer is stable again: nothing
     * would, until someone asks for the flapping peers.
     */
    @Test
    void aRefreshAfterAWholeWindowWithoutLeavingSaysThePeerIsStableAgain(CapturedOutput output) {
        for (int leave = 0; leave < 3; leave++) {
            leaveAndRefresh();
        }
        clock.advance(Duration.ofMinutes(1));

        manager.refresh();

        assertThat(output.getOut()).containsOnlyOnce("Peer " + B.id() + " is stable again");
    }

    /**
     * Fails if a flapping peer is held off only at the endpoint it advertises: discovered
     * under another one, it would be dialled again at once there.
     */
    @Test
    void aFlappingPeerDiscoveredUnderAnotherEndpointIsHeldOffThereToo() {
        NodeAddress discoveredAs = NodeAddress.of("localhost", 4371);
        DialScript other = new DialScript();
        other.answer(discoveredAs, B);
        ClusterManager elsewhere = new ClusterManager(other, List.of(() -> Set.of(discoveredAs)), SETTINGS, event -> {
        }, clock);
        elsewhere.start();
        try {
            elsewhere.refresh();
            for (int leave = 0; leave < 3; leave++) {
                other.linkDown(B, LeaveReason.CONNECTION_LOST);
                elsewhere.refresh();
            }

            assertThat(elsewhere.members()).isEmpty();
            assertThat(other.dialsOf(discoveredAs)).as("at start and after the first two leaves").isEqualTo(3);
        }
        finally {
            elsewhere.stop();
        }
    }

    /**
     * Fails if the hold-off at an endpoint that reached a flapping peer outlives the
     * peer's return: once it has dialled in again, it is no longer pending anywhere.
     */
    @Test
    void aFlappingPeerThatDialsInAgainIsNoLongerPendingAtAnyEndpoint() {
        NodeAddress discoveredAs = NodeAddress.of("localhost", 4371);
        DialScript other = new DialScript();
        other.answer(discoveredAs, B);
        ClusterManager elsewhere = new ClusterManager(other, List.of(() -> Set.of(discoveredAs)), SETTINGS, event -> {
        }, clock);
        elsewhere.start();
        try {
            elsewhere.refresh();
            for (int leave = 0; leave < 3; leave++) {
                other.linkDown(B, LeaveReason.CONNECTION_LOST);
                elsewhere.refresh();
            }
            assertThat(elsewhere.pending()).extracting(PendingPeer::address).contains(discoveredAs);

            other.dialledBy(B);
            elsewhere.refresh();

            assertThat(elsewhere.members()).containsExactly(B);
            assertThat(elsewhere.pending()).isEmpty();
        }
        finally {
            elsewhere.stop();
        }
    }

    private void leaveAndRefresh() {
        transport.linkDown(B, LeaveReason.CONNECTION_LOST);
        manager.refresh();
    }

}
