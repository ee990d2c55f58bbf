package io.gencluster.membership;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long a starting node waits for its first dials
 * ({@link ClusterManager#firstDialsEnded}): until every one has ended, however it ended,
 * and never past the bound.
 */
class ClusterManagerJoinAtStartTests {

    private static final NodeAddress B = NodeAddress.of("127.0.0.1", 4371);

    private static final NodeAddress C = NodeAddress.of("127.0.0.1", 4372);

    private static final Duration LONG = Duration.ofSeconds(30);

    private final DialScript transport = new DialScript();

    private ClusterManager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }

    /**
     * Fails if the wait ends while a first dial is still in flight, or does not end once
     * the last one failed (a refused peer must not hold the start to the bound).
     */
    @Test
    void theWaitEndsWhenTheLastFirstDialEndsEvenByFailing() {
        transport.holdDials();
        start(Set.of(B, C));

        assertThat(endsWithin(Duration.ofMillis(200))).as("dials in flight").isFalse();

        transport.failHeldDials();
        assertThat(endsWithin(LONG)).isTrue();
        assertThat(manager.members()).isEmpty();
    }

    /**
     * Fails if the wait ends while one first dial is still in flight after another ended
     * (a miscount of dials in flight), or if a wait begun before the last dial ended is
     * not told when it does.
     */
    @Test
    void theWaitEndsWithTheLastFirstDialAndNotBefore() {
        transport.holdDials();
        start(Set.of(B, C));
        await().atMost(LONG).until(() -> transport.dialsOf(B) + transport.dialsOf(C) == 2);
        CompletableFuture<Void> ended = manager.firstDialsEnded();

        transport.failOneHeldDial();
        assertThat(endsWithin(Duration.ofMillis(200))).as("one dial still in flight").isFalse();

        transport.failHeldDials();
        assertThat(ended).succeedsWithin(LONG);
    }

    /** Fails if the wait ends before the peers that answered are members. */
    @Test
    void afterTheWaitThePeersThatAnsweredAreMembers() {
        ClusterNode nodeB = DialScript.node("b", 4371, ClusterNode.Direction.OUTBOUND);
        transport.answer(B, nodeB);
        start(Set.of(B, C));

        assertThat(endsWithin(LONG)).isTrue();
        assertThat(manager.members()).extracting(ClusterNode::id).containsExactly(nodeB.id());
    }

    /** Fails if a node that discovered nobody waits at all. */
    @Test
    void aNodeThatDiscoveredNobodyDoesNotWait() {
        start(Set.of());

        assertThat(endsWithin(LONG)).isTrue();
    }

    private boolean endsWithin(Duration timeout) {
        return manager.firstDialsEnded()
            .thenApply(ended -> true)
            .completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
            .join();
    }

    private void start(Set<NodeAddress> peers) {
        DiscoveryStrategy discovery = () -> peers;
        manager = new ClusterManager(transport, List.of(discovery), ClusterManagerSettings.every(Duration.ofHours(1)),
                event -> {
                });
        manager.start();
    }

}
