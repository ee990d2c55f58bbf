package io.gencluster.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the manager dials, with its clock in the test's hands: backoff deadlines are
 * reached by moving the clock, never by sleeping. The refresh interval is an hour, so
 * only {@link ClusterManager#refresh()} and the dialler's own retries dial.
 */
class ClusterManagerDialTimingTests {

    private static final NodeAddress B = NodeAddress.of("127.0.0.1", 4371);

    private static final NodeAddress C = NodeAddress.of("127.0.0.1", 4372);

    private static final ClusterNode NODE_B = DialScript.node("b", 4371, ClusterNode.Direction.OUTBOUND);

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

    /**
     * Fails if a peer that is backing off is dialled before its next attempt is due, or
     * not dialled once it is.
     */
    @Test
    void aFailingPeerIsNotDialledAgainBeforeTheBackoffAllowsAndIsAtIt() {
        start(ClusterManagerSettings.every(Duration.ofHours(1)));
        assertThat(transport.dialsOf(B)).isEqualTo(1);
        Instant due = manager.pending().get(0).nextAttemptAt();
        assertThat(Duration.between(clock.instant(), due)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));

        clock.set(due.minusMillis(1));
        manager.refresh();
        holdFor(() -> transport.dialsOf(B) == 1);

        clock.set(due);
        manager.refresh();
        assertThat(transport.dialsOf(B)).isEqualTo(2);
        assertThat(manager.pending().get(0).attempts()).isEqualTo(2);
    }

    /**
     * Fails if an endpoint whose handshake answered SELF is dialled again (or reported as
     * discovered).
     */
    @Test
    void anEndpointThatLedBackToThisNodeIsNeverDialledAgain() {
        transport.leadsToSelf(B);
        start(ClusterManagerSettings.every(Duration.ofHours(1)));
        assertThat(transport.dialsOf(B)).isEqualTo(1);

        for (int refresh = 0; refresh < 3; refresh++) {
            clock.advance(Duration.ofHours(2));
            manager.refresh();
        }
        holdFor(() -> transport.dialsOf(B) == 1);
        assertThat(manager.pending()).isEmpty();
        assertThat(manager.discovered()).isEmpty();
    }

    /** Fails if announced addresses are dialled although connect-all is off. */
    @Test
    void announcedAddressesAreNotDialledWithConnectAllOff() {
        transport.answer(B, NODE_B);
        start(ClusterManagerSettings.every(Duration.ofHours(1)).withConnectAll(false));
        assertThat(manager.members()).containsExactly(NODE_B);

        transport.announces(NODE_B, Set.of(C));
        manager.refresh();
        holdFor(() -> transport.dialsOf(C) == 0);
    }

    /**
     * Fails if announced addresses are not dialled with connect-all on: the check above
     * would then prove nothing.
     */
    @Test
    void announcedAddressesAreDialledWithConnectAllOn() {
        transport.answer(B, NODE_B);
        start(ClusterManagerSettings.every(Duration.ofHours(1)));

        transport.announces(NODE_B, Set.of(C));
        assertThat(transport.dialsOf(C)).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        manager.refresh();
        assertThat(transport.dialsOf(C)).isEqualTo(2);
    }

    /**
     * Fails if announced addresses are dialled with prune-undiscovered on, where only
     * discovery decides.
     */
    @Test
    void announcedAddressesAreNotDialledWhenPruning() {
        transport.answer(B, NODE_B);
        start(ClusterManagerSettings.every(Duration.ofHours(1)).withPruneUndiscovered(true));

        transport.announces(NODE_B, Set.of(C));
        manager.refresh();
        holdFor(() -> transport.dialsOf(C) == 0);
    }

    private void start(ClusterManagerSettings settings) {
        manager = new ClusterManager(transport, List.of(discovery), settings, event -> {
        }, clock);
        manager.start();
        manager.refresh();
    }

    private static void holdFor(Callable<Boolean> condition) {
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(condition);
    }

}
