package io.gencluster.membership;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which peers stay pending, and whose announcements count, as members come and go. */
class ClusterManagerPendingTests {

    private static final NodeAddress B = NodeAddress.of("127.0.0.1", 4371);

    private static final NodeAddress C = NodeAddress.of("127.0.0.1", 4372);

    private static final ClusterNode NODE_B = DialScript.node("b", 4371, ClusterNode.Direction.INBOUND);

    private static final ClusterNode NODE_X = DialScript.node("x", 4379, ClusterNode.Direction.INBOUND);

    /**
     * A backoff of an hour of real time: only {@link ClusterManager#refresh()} dials in
     * these tests.
     */
    private static final ClusterManagerSettings NO_RETRY_BEFORE_THE_NEXT_REFRESH = new ClusterManagerSettings(
            Optional.of(Duration.ofHours(1)), false, true,
            new ReconnectBackoff(Duration.ofHours(1), Duration.ofHours(1)), DialLimits.defaults());

    private final TestClock clock = new TestClock();

    private final DialScript transport = new DialScript();

    private final AtomicReference<Set<NodeAddress>> discovered = new AtomicReference<>(Set.of(B));

    private final DiscoveryStrategy discovery = discovered::get;

    private ClusterManager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }

    /** Fails if a peer discovery no longer returns stays pending. */
    @Test
    void aPeerNoLongerDiscoveredIsNoLongerPending() {
        start(ClusterManagerSettings.every(Duration.ofHours(1)));
        assertThat(manager.pending()).extracting(PendingPeer::address).containsExactly(B);

        discovered.set(Set.of());
        manager.refresh();

        assertThat(manager.pending()).isEmpty();
    }

    /** Fails if a pending peer that dials in stays pending until the next refresh. */
    @Test
    void aPendingPeerThatDialsInIsNoLongerPending() {
        start(ClusterManagerSettings.every(Duration.ofHours(1)));

        transport.dialledBy(NODE_B);

        assertThat(manager.pending()).isEmpty();
    }

    /**
     * Fails if a peer reached at last under another name than it advertises stays pending
     * under that name.
     */
    @Test
    void aPeerReachedUnderAnotherNameIsNoLongerPending() {
        NodeAddress byName = NodeAddress.of("localhost", 4371);
        discovered.set(Set.of(byName));
        start(NO_RETRY_BEFORE_THE_NEXT_REFRESH);
        assertThat(manager.pending()).extracting(PendingPeer::address).containsExactly(byName);

        transport.answer(byName, NODE_B);
        clock.advance(Duration.ofHours(2));
        manager.refresh();

        assertThat(manager.members()).containsExactly(NODE_B);
        assertThat(manager.pending()).isEmpty();
    }

    /**
     * Fails if an endpoint found to be this node keeps a place among the bounded pending
     * peers.
     */
    @Test
    void anEndpointOfThisNodeTakesNoPlaceAmongThePendingPeers() {
        transport.leadsToSelf(B);
        RecordingActivity activity = new RecordingActivity();
        manager = new ClusterManager(transport, List.of(discovery),
                ClusterManagerSettings.every(Duration.ofHours(1)).withLimits(new DialLimits(10, 1, 10, List.of())),
                event -> {
                }, clock);
        manager.addActivityListener(activity);
        manager.start();
        // Only the first refresh: a second would drop the endpoint as this node's anyway.
        await().atMost(Duration.ofSeconds(10)).until(() -> !activity.refreshes.isEmpty());
        transport.dialledBy(NODE_X);

        transport.announces(NODE_X, Set.of(C));

        assertThat(transport.dialsOf(C)).isOne();
    }

    /**
     * Fails if addresses announced by a node that is not (or no longer) a member are
     * dialled.
     */
    @Test
    void announcementsOfANonMemberAreIgnored() {
        discovered.set(Set.of());
        start(ClusterManagerSettings.every(Duration.ofHours(1)));

        transport.announces(NODE_X, Set.of(C));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> transport.dialsOf(C) == 0);
    }

    /** Fails if what a member announced is still dialled after it left. */
    @Test
    void whatAMemberAnnouncedIsForgottenWhenItLeaves() {
        discovered.set(Set.of());
        start(ClusterManagerSettings.every(Duration.ofHours(1)));
        transport.dialledBy(NODE_X);
        transport.announces(NODE_X, Set.of(C));
        assertThat(transport.dialsOf(C)).isOne();

        transport.linkDown(NODE_X, LeaveReason.CONNECTION_LOST);
        clock.advance(Duration.ofHours(2));
        manager.refresh();

        assertThat(transport.dialsOf(C)).isOne();
        assertThat(manager.pending()).isEmpty();
    }

    /**
     * Fails if a late leave of an old incarnation makes the manager forget what the new
     * one announced.
     */
    @Test
    void aLateLeaveOfAnOldIncarnationKeepsWhatTheNewOneAnnounced() {
        discovered.set(Set.of());
        ClusterNode restarted = new ClusterNode(NODE_X.address(), NODE_X.incarnation() + 1, NODE_X.connectedSince(),
                ClusterNode.Direction.INBOUND);
        start(ClusterManagerSettings.every(Duration.ofHours(1)));
        transport.dialledBy(NODE_X);
        transport.dialledBy(restarted);
        transport.announces(restarted, Set.of(C));

        transport.linkDown(NODE_X, LeaveReason.CONNECTION_LOST);
        clock.advance(Duration.ofHours(2));
        manager.refresh();

        assertThat(transport.dialsOf(C)).isEqualTo(2);
    }

    /**
     * Fails if a member discovery no longer returns is pruned although pruning is off.
     */
    @Test
    void withoutPruningAnUndiscoveredMemberStays() {
        discovered.set(Set.of());
        start(ClusterManagerSettings.every(Duration.ofHours(1)));
        transport.dialledBy(NODE_X);

        manager.refresh();

        assertThat(manager.members()).containsExactly(NODE_X);
    }

    private void start(ClusterManagerSettings settings) {
        manager = new ClusterManager(transport, List.of(discovery), settings, event -> {
        }, clock);
        manager.start();
        manager.refresh();
    }

}
