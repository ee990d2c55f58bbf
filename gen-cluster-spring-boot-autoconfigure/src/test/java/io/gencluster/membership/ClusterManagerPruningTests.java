package io.gencluster.membership;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterEvent;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerLeftEvent;
import io.gencluster.discovery.DiscoveryStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code prune-undiscovered}: a member discovery does not return is disconnected and
 * leaves as {@code PRUNED}, however it became a member; one that discovery returns under
 * another name than the one it advertises, or whose strategy failed, stays.
 */
class ClusterManagerPruningTests {

    private static final ClusterNode B = DialScript.node("b", 4371, ClusterNode.Direction.OUTBOUND);

    private static final ClusterNode C_INBOUND = DialScript.node("c", 4372, ClusterNode.Direction.INBOUND);

    private final DialScript transport = new DialScript();

    private final AtomicReference<Object> answer = new AtomicReference<>(Set.of());

    private final DiscoveryStrategy discovery = new DiscoveryStrategy() {
        @Override
        @SuppressWarnings("unchecked")
        public Set<NodeAddress> discover() throws Exception {
            Object current = answer.get();
            if (current instanceof Exception ex) {
                throw ex;
            }
            return (Set<NodeAddress>) current;
        }

        @Override
        public String describe() {
            return "scripted";
        }
    };

    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    private final ClusterManager manager = new ClusterManager(transport, List.of(discovery),
            ClusterManagerSettings.every(Duration.ofHours(1)).withPruneUndiscovered(true),
            event -> events.add((ClusterEvent) event), new TestClock());

    @AfterEach
    void stop() {
        manager.stop();
    }

    /**
     * Fails if only members this node dialled are pruned: one that dialled in and was
     * never discovered stays.
     */
    @Test
    void aMemberThatDialledInAndIsNeverDiscoveredIsPruned() {
        manager.start();
        manager.refresh();
        transport.dialledBy(C_INBOUND);
        assertThat(manager.members()).containsExactly(C_INBOUND);

        manager.refresh();

        assertThat(manager.members()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(PeerLeftEvent.class,
                left -> assertThat(left.getReason()).isEqualTo(LeaveReason.PRUNED));
    }

    /**
     * Fails if pruning compares only advertised addresses: a member dialled as
     * {@code localhost:4371} that advertises {@code 127.0.0.1:4371} is returned by
     * discovery, and is kept and not dialled again.
     */
    @Test
    void aMemberDiscoveredUnderAnotherNameIsKept() {
        NodeAddress byName = NodeAddress.of("localhost", 4371);
        transport.answer(byName, B);
        answer.set(Set.of(byName));
        manager.start();
        manager.refresh();
        assertThat(manager.members()).containsExactly(B);

        manager.refresh();
        manager.refresh();

        await().during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> manager.members().equals(List.of(B)) && events.size() == 1);
        assertThat(transport.dialsOf(byName)).isEqualTo(1);
    }

    /**
     * Fails if members are pruned before every discovered endpoint was dialled: a member
     * that dialled in first and is discovered as {@code localhost:4371} (advertising
     * {@code 127.0.0.1:4371}) would leave as {@code PRUNED} at the next refresh and join
     * again.
     */
    @Test
    void aMemberThatDialledInFirstAndIsDiscoveredUnderAnotherNameIsKept() {
        NodeAddress byName = NodeAddress.of("localhost", 4371);
        ClusterNode inbound = DialScript.node("b", 4371, ClusterNode.Direction.INBOUND);
        transport.answer(byName, inbound);
        manager.start();
        manager.refresh();
        transport.dialledBy(inbound);
        answer.set(Set.of(byName));

        manager.refresh();
        manager.refresh();

        await().during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> manager.members().equals(List.of(inbound)) && events.size() == 1);
    }

    /**
     * Fails if a dial of a name that failed before the member existed counts as proof
     * that the name is nobody's: the member, discovered as {@code localhost:4371} while
     * it was not up yet, then dialling in first, would be pruned at the next refresh.
     */
    @Test
    void aMemberThatDialledInAfterDialsOfItsOtherNameFailedIsKept() {
        NodeAddress byName = NodeAddress.of("localhost", 4371);
        ClusterNode inbound = DialScript.node("b", 4371, ClusterNode.Direction.INBOUND);
        answer.set(Set.of(byName));
        manager.start();
        manager.refresh();
        assertThat(manager.pending()).extracting(PendingPeer::address).containsExactly(byName);
        transport.dialledBy(inbound);
        transport.answer(byName, inbound);

        manager.refresh();
        manager.refresh();

        await().during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> manager.members().equals(List.of(inbound)) && events.size() == 1);
    }

    /**
     * Fails if a strategy's failure counts as an empty answer: its last good answer must
     * keep the member.
     */
    @Test
    void aMemberIsKeptWhileItsStrategyFails() {
        transport.answer(B.address(), B);
        answer.set(Set.of(B.address().withoutName()));
        manager.start();
        manager.refresh();
        assertThat(manager.members()).containsExactly(B);

        answer.set(new IOException("SRV lookup failed: SERVFAIL"));
        RefreshResult failed = manager.refresh();

        assertThat(failed.errors()).containsEntry("scripted", "SRV lookup failed: SERVFAIL");
        await().during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> manager.members().equals(List.of(B)) && events.size() == 1);
    }

}
