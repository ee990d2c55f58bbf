package io.gencluster.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class MemberTableTests {

    private static final ClusterNode B = node("b", 4371, 0xb1L);

    private static final ClusterNode B_RESTARTED = node("b", 4371, 0xb2L);

    private static final ClusterNode C = node("c", 4372, 0xc1L);

    private final Object source = new Object();

    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    private final List<String> threads = new CopyOnWriteArrayList<>();

    private final MemberTable table = new MemberTable(source, event -> {
        events.add((ClusterEvent) event);
        threads.add(Thread.currentThread().getName());
    });

    @BeforeEach
    void start() {
        table.start();
    }

    @AfterEach
    void stop() {
        table.stop();
    }

    @Test
    void publishesOneJoinPerIncarnationAndOneLeavePerJoinInOrderOnTheEventThread() {
        table.up(B);
        table.up(B);
        table.up(C);
        table.down(C, LeaveReason.SHUTDOWN);
        table.down(C, LeaveReason.SHUTDOWN);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
        assertThat(events).extracting(ClusterEvent::toString)
            .containsExactly("PeerJoinedEvent[" + B + "]", "PeerJoinedEvent[" + C + "]",
                    "PeerLeftEvent[" + C + ", SHUTDOWN]");
        assertThat(events).allSatisfy(event -> assertThat(event.getSource()).isSameAs(source));
        assertThat(threads).containsOnly("gen-cluster-events");
        assertThat(table.members()).containsExactly(B);
    }

    @Test
    void aNewIncarnationReplacesTheOldOneWhichLeavesFirst() {
        table.up(B);
        table.up(B_RESTARTED);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
        assertThat(events.get(1)).isInstanceOfSatisfying(PeerLeftEvent.class, left -> {
            assertThat(left.getNode()).isEqualTo(B);
            assertThat(left.getReason()).isEqualTo(LeaveReason.CONNECTION_LOST);
        });
        assertThat(events.get(2)).isInstanceOf(PeerJoinedEvent.class)
            .extracting(ClusterEvent::getNode)
            .isEqualTo(B_RESTARTED);
        assertThat(table.member(B.id())).contains(B_RESTARTED);
        assertThat(table.down(B, LeaveReason.CONNECTION_LOST)).as("the old incarnation is no member").isFalse();
    }

    @Test
    void aMemberDiscoveryNoLongerReturnsLeavesAsPrunedOnceDisconnected() {
        table.up(B);
        table.up(C);

        assertThat(table.markPruning(table.undiscovered(Set.of(NodeAddress.of("127.0.0.1", 4371)), Set.of())))
            .containsExactly(C);
        table.down(C, LeaveReason.DISCONNECTED);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
        assertThat(events.get(2)).isInstanceOfSatisfying(PeerLeftEvent.class,
                left -> assertThat(left.getReason()).isEqualTo(LeaveReason.PRUNED));
    }

    @Test
    void aMemberReachedThroughADiscoveredEndpointIsKept() {
        table.up(C);

        assertThat(table.undiscovered(Set.of(NodeAddress.of("c.example.org", 4372)), Set.of(C.id()))).isEmpty();
        assertThat(table.covers(NodeAddress.of("c.example.org", 4372), C.id())).isTrue();
        assertThat(table.covers(NodeAddress.of("127.0.0.1", 4372), null)).isTrue();
        assertThat(table.covers(NodeAddress.of("127.0.0.1", 4379), null)).isFalse();
    }

    /**
     * Fails if a listener's exception escapes the event thread's task instead of being
     * logged: nothing would say which event it lost.
     */
    @Test
    void aListenerThatThrowsIsLoggedAndLaterEventsStillArriveInOrder(CapturedOutput output) {
        List<ClusterEvent> delivered = new CopyOnWriteArrayList<>();
        AtomicBoolean thrown = new AtomicBoolean();
        MemberTable failingFirst = new MemberTable(source, event -> {
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("listener broke");
            }
            delivered.add((ClusterEvent) event);
        });
        failingFirst.start();
        try {
            failingFirst.up(B);
            failingFirst.up(C);
            failingFirst.down(B, LeaveReason.SHUTDOWN);

            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
            assertThat(delivered).extracting(ClusterEvent::toString)
                .containsExactly("PeerJoinedEvent[" + C + "]", "PeerLeftEvent[" + B + ", SHUTDOWN]");
            assertThat(output.getOut()).contains("A listener of PeerJoinedEvent[" + B + "] failed")
                .contains("listener broke");
        }
        finally {
            failingFirst.stop();
        }
    }

    @Test
    void logsOneLinePerJoinAndPerLeave(CapturedOutput output) {
        table.up(B);
        table.up(B);
        table.down(B, LeaveReason.HEARTBEAT_TIMEOUT);

        assertThat(output.getOut().lines().filter(line -> line.contains("Peer " + B + " joined"))).hasSize(1);
        assertThat(output.getOut().lines().filter(line -> line.contains("Peer " + B + " left: HEARTBEAT_TIMEOUT")))
            .hasSize(1);
    }

    /**
     * Fails if an old incarnation can be marked for pruning: the new one, disconnected
     * later for another reason, would leave as pruned.
     */
    @Test
    void onlyTheIncarnationThatIsAMemberIsMarkedForPruning() {
        table.up(B_RESTARTED);

        assertThat(table.markPruning(List.of(B))).isEmpty();
        table.down(B_RESTARTED, LeaveReason.DISCONNECTED);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(PeerLeftEvent.class,
                left -> assertThat(left.getReason()).isEqualTo(LeaveReason.DISCONNECTED));
    }

    /**
     * Fails if a member seen restarted is not counted as a leave: a peer that restarts
     * twice within the window is flapping.
     */
    @Test
    void aMemberThatRestartsCountsAsALeaveForFlapping() {
        TestClock clock = new TestClock();
        FlapWatch flaps = new FlapWatch(new FlapPolicy(2, Duration.ofMinutes(1)), Duration.ofSeconds(5), clock);
        MemberTable watched = new MemberTable(source, event -> {
        }, flaps, new IsolationWatch(IsolationPolicy.DEFAULT, clock));
        watched.start();
        try {
            watched.up(B);
            watched.up(B_RESTARTED);
            watched.up(node("b", 4371, 0xb3L));

            assertThat(flaps.flapping()).extracting(FlappingPeer::id).containsExactly(B.id());
        }
        finally {
            watched.stop();
        }
    }

    /**
     * Fails if a member seen restarted is not counted as a broken link, or is counted
     * against the cluster as it is after the restart: with two of four peers lost, the
     * restart of a third is the loss that isolates this node, until it is back at once.
     */
    @Test
    void aMemberThatRestartsCountsAsALostLinkUntilItIsBack(CapturedOutput output) {
        TestClock clock = new TestClock();
        IsolationWatch isolation = new IsolationWatch(IsolationPolicy.DEFAULT, clock);
        MemberTable watched = new MemberTable(source, event -> {
        }, new FlapWatch(FlapPolicy.DEFAULT, Duration.ofSeconds(5), clock), isolation);
        ClusterNode d = node("d", 4373, 0xd1L);
        ClusterNode e = node("e", 4374, 0xe1L);
        watched.start();
        try {
            List.of(B, C, d, e).forEach(watched::up);
            watched.down(C, LeaveReason.HEARTBEAT_TIMEOUT);
            watched.down(d, LeaveReason.HEARTBEAT_TIMEOUT);

            watched.up(B_RESTARTED);

            assertThat(isolation.isolation()).isEmpty();
            assertThat(output.getOut()).containsOnlyOnce("This node lost 3 of its 4 members within PT30S")
                .containsOnlyOnce("This node is back in the cluster: 2 of its 4 members are linked again");
        }
        finally {
            watched.stop();
        }
    }

    private static ClusterNode node(String name, int port, long incarnation) {
        return new ClusterNode(new NodeAddress(name, "127.0.0.1", port), incarnation, Instant.now(),
                ClusterNode.Direction.OUTBOUND);
    }

    /**
     * Fails if a stop interrupted while it waits for the event thread swallows the
     * interrupt.
     */
    @Test
    void anInterruptedStopKeepsTheInterrupt() {
        CountDownLatch release = new CountDownLatch(1);
        MemberTable busy = new MemberTable(source, event -> {
            try {
                release.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        busy.start();
        busy.up(B);
        Thread.currentThread().interrupt();
        try {
            busy.stop();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        }
        finally {
            Thread.interrupted();
            release.countDown();
        }
    }

    /**
     * Fails if stop returns before the events already published are delivered, or warns
     * when they were delivered in time.
     */
    @Test
    void stopDeliversTheEventsAlreadyPublished(CapturedOutput output) {
        CountDownLatch listenerMayGoOn = new CountDownLatch(1);
        List<ClusterEvent> delivered = new CopyOnWriteArrayList<>();
        MemberTable slow = new MemberTable(source, event -> {
            try {
                listenerMayGoOn.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            delivered.add((ClusterEvent) event);
        });
        slow.start();
        slow.up(B);
        slow.down(B, LeaveReason.SHUTDOWN);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(slow::stop);
        try {
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !stopped.isDone());
        }
        finally {
            listenerMayGoOn.countDown();
        }

        await().atMost(Duration.ofSeconds(5)).until(stopped::isDone);
        assertThat(delivered).hasSize(2);
        assertThat(output.getOut()).doesNotContain("still being delivered");
    }

}
