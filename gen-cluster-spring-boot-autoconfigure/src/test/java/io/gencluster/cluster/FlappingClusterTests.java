package io.gencluster.cluster;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.actuate.ClusterEndpoint;
import io.gencluster.actuate.ClusterMetrics;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.membership.FlapPolicy;
import io.gencluster.membership.FlappingPeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over real links on loopback: a link that keeps breaking (here, closed on request three
 * times) marks the peer flapping on both sides, in the endpoint and the
 * {@code gen.cluster.flapping} gauge; the peer still comes back after the hold-off, and
 * every join has one leave.
 */
class FlappingClusterTests {

    private static final FlapPolicy THREE_IN_A_MINUTE = new FlapPolicy(3, Duration.ofMinutes(1));

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
     * Fails if a peer whose link breaks three times within the window is not shown as
     * flapping on either side, or is never dialled again.
     */
    @Test
    void aPeerWhoseLinkKeepsBreakingIsShownFlappingOnBothSides() {
        b = TestNode.named("b")
            .settings(ClusterManagerSettings.every(Duration.ofMillis(200)).withFlapping(THREE_IN_A_MINUTE))
            .start();
        seedsOfA.add(b.self().address());
        a = TestNode.named("a")
            .settings(ClusterManagerSettings.every(Duration.ofMillis(200)).withFlapping(THREE_IN_A_MINUTE))
            .start(seedsOfA);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ClusterMetrics(a.manager).bindTo(registry);
        String idOfB = b.self().id();

        for (int leave = 0; leave < 3; leave++) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.memberIds().equals(List.of(idOfB)));
            a.manager.disconnect(idOfB);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> !a.manager.flapping().isEmpty());
        assertThat(new ClusterEndpoint(a.manager).cluster().flapping()).singleElement().satisfies(peer -> {
            assertThat(peer.node()).isEqualTo(idOfB);
            assertThat(peer.leaves()).isEqualTo(3);
        });
        assertThat(registry.get("gen.cluster.flapping").gauge().value()).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(5))
            .until(() -> b.manager.flapping().stream().map(FlappingPeer::id).toList().equals(List.of(a.self().id())));

        await().atMost(Duration.ofSeconds(10)).until(() -> a.memberIds().equals(List.of(idOfB)));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.events.events().size() == 7);
        a.events.assertJoinsAndLeavesPair(false);
        b.events.assertJoinsAndLeavesPair(false);
    }

}
