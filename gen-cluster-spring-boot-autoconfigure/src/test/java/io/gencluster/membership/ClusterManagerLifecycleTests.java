package io.gencluster.membership;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Start, stop and the reads of a manager, with strategies that record or fail their part.
 */
class ClusterManagerLifecycleTests {

    private static final NodeAddress B = NodeAddress.of("127.0.0.1", 4371);

    private static final ClusterNode NODE_B = DialScript.node("b", 4371, ClusterNode.Direction.OUTBOUND);

    private final DialScript transport = new DialScript();

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private ClusterManager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }

    /**
     * Fails if strategies are not started with this node before discovery, or not
     * stopped, or one failing to stop stops the rest.
     */
    @Test
    void startsAndStopsEveryStrategyEvenWhenOneFailsToStop() {
        manager = manager(recording("first", false), recording("second", true), recording("third", false));
        manager.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.lastRefresh().isPresent());
        assertThat(calls).startsWith("first start " + DialScript.SELF.id(), "second start " + DialScript.SELF.id(),
                "third start " + DialScript.SELF.id());

        manager.stop();

        assertThat(calls).endsWith("first stop", "second stop", "third stop");
        assertThat(manager.isRunning()).isFalse();
        assertThat(transport.stopped()).isTrue();
    }

    /**
     * Fails if a start that fails in a strategy leaves the transport open or the manager
     * running.
     */
    @Test
    void aStrategyThatFailsToStartStopsTheTransport() {
        DiscoveryStrategy failing = new DiscoveryStrategy() {
            @Override
            public Set<NodeAddress> discover() {
                return Set.of();
            }

            @Override
            public void start(ClusterNode self) throws IOException {
                throw new IOException("port mapper unreachable");
            }
        };
        manager = manager(failing);

        assertThatIllegalStateException().isThrownBy(manager::start)
            .withMessage("gen-cluster could not start: port mapper unreachable");
        assertThat(transport.stopped()).isTrue();
        assertThat(manager.isRunning()).isFalse();
    }

    /**
     * Fails if a start that fails leaves the event thread running: it has delivered the
     * join of a peer that dialled in meanwhile, and must end.
     */
    @Test
    void aStartThatFailsEndsTheEventThread() {
        AtomicReference<Thread> eventThread = new AtomicReference<>();
        DiscoveryStrategy failing = new DiscoveryStrategy() {
            @Override
            public Set<NodeAddress> discover() {
                return Set.of();
            }

            @Override
            public void start(ClusterNode self) throws IOException {
                transport.dialledBy(NODE_B);
                await().atMost(Duration.ofSeconds(5)).until(() -> eventThread.get() != null);
                throw new IOException("port mapper unreachable");
            }
        };
        manager = new ClusterManager(transport, List.of(failing), ClusterManagerSettings.every(Duration.ofHours(1)),
                event -> eventThread.compareAndSet(null, Thread.currentThread()), new TestClock());

        assertThatIllegalStateException().isThrownBy(manager::start);

        await().atMost(Duration.ofSeconds(5)).until(() -> !eventThread.get().isAlive());
    }

    /**
     * Fails if a stopping manager still dials: an announcement that arrives while the
     * transport stops must not start a dial.
     */
    @Test
    void anAnnouncementArrivingWhileStoppingDialsNobody() {
        NodeAddress announced = NodeAddress.of("127.0.0.1", 4372);
        transport.answer(B, NODE_B);
        manager = manager(recording("only", false));
        manager.start();
        manager.refresh();
        transport.beforeStop(() -> transport.announces(NODE_B, Set.of(announced)));

        manager.stop();

        assertThat(transport.dialsOf(announced)).isZero();
    }

    /** Fails if new metadata for this node does not reach the transport. */
    @Test
    void updatedMetadataIsHandedToTheTransport() {
        manager = manager(recording("only", false));
        manager.start();

        manager.updateMetadata(Map.of("zone", "eu-1"));

        assertThat(transport.metadata()).containsExactlyEntriesOf(Map.of("zone", "eu-1"));
    }

    /**
     * Fails if the reads of a running manager (strategies, members, last refresh) or a
     * disconnect by id lose their answer.
     */
    @Test
    void readsWhatItRunsWithAndDisconnectsById() {
        transport.answer(B, NODE_B);
        manager = manager(recording("only", false));
        manager.start();
        RefreshResult refresh = manager.refresh();

        assertThat(manager.strategies()).containsExactly("only");
        assertThat(manager.lastRefresh()).contains(refresh);
        assertThat(manager.discovered()).containsExactly(B);
        assertThat(manager.member(NODE_B.id())).contains(NODE_B);
        assertThat(manager.disconnect("c@127.0.0.1:4372")).isEmpty();
        assertThat(manager.disconnect(NODE_B.id())).isPresent();
        assertThat(manager.members()).isEmpty();
    }

    /** Fails if a refresh asked by an interrupted thread swallows the interrupt. */
    @Test
    void anInterruptedRefreshFailsAndKeepsTheInterrupt() {
        CountDownLatch discoveryMayAnswer = new CountDownLatch(1);
        manager = manager(() -> {
            discoveryMayAnswer.await();
            return Set.of();
        });
        manager.start();
        Thread.currentThread().interrupt();
        try {
            assertThatIllegalStateException().isThrownBy(manager::refresh).withMessage("Interrupted while refreshing");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        }
        finally {
            Thread.interrupted();
            discoveryMayAnswer.countDown();
        }
    }

    /** Fails if stop returns before the leaves it caused reach the listeners. */
    @Test
    void stopReturnsOnceTheLeavesItCausedAreDelivered() {
        CountDownLatch listenerMayGoOn = new CountDownLatch(1);
        List<Object> delivered = new CopyOnWriteArrayList<>();
        transport.answer(B, NODE_B);
        manager = new ClusterManager(transport, List.of(recording("only", false)),
                ClusterManagerSettings.every(Duration.ofHours(1)), event -> {
                    try {
                        listenerMayGoOn.await();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    delivered.add(event);
                }, new TestClock());
        manager.start();
        manager.refresh();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(manager::stop);
        try {
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !stopped.isDone());
        }
        finally {
            listenerMayGoOn.countDown();
        }

        await().atMost(Duration.ofSeconds(5)).until(stopped::isDone);
        assertThat(delivered).hasSize(2);
    }

    private ClusterManager manager(DiscoveryStrategy... strategies) {
        return new ClusterManager(transport, List.of(strategies), ClusterManagerSettings.every(Duration.ofHours(1)),
                event -> {
                }, new TestClock());
    }

    private DiscoveryStrategy recording(String name, boolean failsToStop) {
        return new DiscoveryStrategy() {
            @Override
            public Set<NodeAddress> discover() {
                return Set.of(B);
            }

            @Override
            public void start(ClusterNode self) {
                calls.add(name + " start " + self.id());
            }

            @Override
            public void stop() {
                calls.add(name + " stop");
                if (failsToStop) {
                    throw new IllegalStateException(name + " would not stop");
                }
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

}
