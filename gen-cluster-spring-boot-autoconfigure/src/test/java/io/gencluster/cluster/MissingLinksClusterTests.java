package io.gencluster.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.actuate.ChurnDescriptors;
import io.gencluster.actuate.ClusterEndpoint;
import io.gencluster.actuate.ClusterMetrics;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.membership.MissingLinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who sees whom over real links: three nodes with {@code connect-all} off, where A and C
 * list only B, so B links to both and A and C never meet. Every node reports the A–C pair
 * missing; once A and C are linked, none does.
 */
class MissingLinksClusterTests {

    private static final ClusterManagerSettings NO_CONNECT_ALL = ClusterManagerSettings.every(Duration.ofMillis(200))
        .withConnectAll(false);

    private TestNode a;

    private TestNode b;

    private TestNode c;

    @AfterEach
    void stopAll() {
        for (TestNode node : new TestNode[] { a, b, c }) {
            if (node != null) {
                node.close();
            }
        }
    }

    /**
     * Fails if a node that is not part of the missing pair cannot tell it (B), or if one
     * of the pair cannot tell it lacks the other (A, C); or if the pair is still shown
     * once linked.
     */
    @Test
    void everyNodeReportsThePairThatLacksALink() {
        b = TestNode.named("b").settings(NO_CONNECT_ALL).start();
        SharedSeeds onlyB = new SharedSeeds();
        onlyB.add(b.self().address());
        a = TestNode.named("a").settings(NO_CONNECT_ALL).start(onlyB);
        c = TestNode.named("c").settings(NO_CONNECT_ALL).start(onlyB);
        String idOfA = a.self().id();
        String idOfC = c.self().id();
        List<String> pair = idOfA.compareTo(idOfC) < 0 ? List.of(idOfA, idOfC) : List.of(idOfC, idOfA);

        for (TestNode node : List.of(a, b, c)) {
            await(node.self().id() + " to report the A-C pair").atMost(Duration.ofSeconds(10))
                .until(() -> node.manager.missingLinks()
                    .pairs()
                    .stream()
                    .map(missing -> List.of(missing.first(), missing.second()))
                    .toList()
                    .equals(List.of(pair)));
        }
        assertThat(b.manager.missingLinks().lacking()).isEqualTo(Map.of(idOfA, List.of(idOfC), idOfC, List.of(idOfA)));
        assertThat(a.manager.missingLinks().lacking()).containsEntry(idOfA, List.of(idOfC));
        ChurnDescriptors.MissingLinksDescriptor shown = new ClusterEndpoint(b.manager).cluster().missingLinks();
        assertThat(shown.pairs()).singleElement().satisfies(missing -> assertThat(missing.nodes()).isEqualTo(pair));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ClusterMetrics(b.manager).bindTo(registry);
        assertThat(registry.get("gen.cluster.links.missing").gauge().value()).isEqualTo(1.0);

        a.manager.connect(c.self().address());

        for (TestNode node : List.of(a, b, c)) {
            await(node.self().id() + " to report no missing pair").atMost(Duration.ofSeconds(10))
                .until(() -> node.manager.missingLinks().equals(MissingLinks.NONE));
        }
    }

    /**
     * Fails if link reports go out only without {@code connect-all}, or only when a link
     * comes up: with it on, A and C mesh through B's announcement, and once A closes its
     * link to C (nothing dials it again within the hour-long refresh) every node shows
     * the pair.
     */
    @Test
    void withConnectAllALinkThatClosesIsShownMissingEverywhere() {
        ClusterManagerSettings hourly = ClusterManagerSettings.every(Duration.ofHours(1));
        b = TestNode.named("b").settings(hourly).start();
        SharedSeeds onlyB = new SharedSeeds();
        onlyB.add(b.self().address());
        a = TestNode.named("a").settings(hourly).start(onlyB);
        c = TestNode.named("c").settings(hourly).start(onlyB);
        for (TestNode node : List.of(a, b, c)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> node.memberIds().size() == 2);
        }

        a.manager.disconnect(c.self().id());

        for (TestNode node : List.of(a, b, c)) {
            await(node.self().id() + " to report the A-C pair").atMost(Duration.ofSeconds(10))
                .until(() -> node.manager.missingLinks().pairs().size() == 1);
        }
    }

}
