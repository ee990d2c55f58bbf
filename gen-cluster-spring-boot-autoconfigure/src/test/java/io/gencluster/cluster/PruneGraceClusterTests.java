package io.gencluster.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.LeaveReason;
import io.gencluster.PeerLeftEvent;
import io.gencluster.actuate.ClusterEndpoint;
import io.gencluster.membership.ClusterManagerSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over real links on loopback: discovery forgets a live node (a rolling deploy where DNS
 * drops a pod before it stops) and the node stays a member for the grace period, then
 * leaves as {@code PRUNED}.
 */
class PruneGraceClusterTests {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private final SharedSeeds seedsOfA = new SharedSeeds();

    private TestNode a;

    private TestNode b;

    @AfterEach
    void stopAll() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    /**
     * Fails if a forgotten live node is pruned before the grace period has passed, or is
     * never pruned.
     */
    @Test
    void aLiveNodeThatDiscoveryForgetsIsPrunedAfterTheGracePeriod() {
        b = TestNode.named("b").start();
        seedsOfA.add(b.self().address());
        a = TestNode.named("a")
            .settings(ClusterManagerSettings.every(Duration.ofMillis(200)).withPruneUndiscoveredAfter(GRACE))
            .start(seedsOfA);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.memberIds().equals(List.of(b.self().id())));

        Instant forgotten = Instant.now();
        seedsOfA.remove(b.self().address());

        ClusterEndpoint endpoint = new ClusterEndpoint(a.manager);
        await().atMost(Duration.ofSeconds(5)).until(() -> !endpoint.cluster().undiscovered().isEmpty());
        assertThat(endpoint.cluster().undiscovered()).singleElement().satisfies(missing -> {
            assertThat(missing.node()).isEqualTo(b.self().id());
            assertThat(Duration.between(Instant.parse(missing.missingSince()), Instant.parse(missing.pruneAt())))
                .isEqualTo(GRACE);
        });
        assertThat(a.memberIds()).containsExactly(b.self().id());
        await().atMost(GRACE.plusSeconds(10))
            .until(() -> a.events.events().stream().anyMatch(PeerLeftEvent.class::isInstance));
        Duration kept = Duration.between(forgotten, Instant.now());
        assertThat(kept).isGreaterThanOrEqualTo(GRACE);
        assertThat(a.events.events()).filteredOn(PeerLeftEvent.class::isInstance)
            .singleElement()
            .satisfies(left -> assertThat(((PeerLeftEvent) left).getReason()).isEqualTo(LeaveReason.PRUNED));
        assertThat(a.memberIds()).isEmpty();
    }

}
