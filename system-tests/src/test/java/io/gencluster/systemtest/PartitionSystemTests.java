package io.gencluster.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.gencluster.systemtest.SampleCluster.Discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 4: one node's cable is unplugged at the bridge for {@link #PARTITION} (longer
 * than the heartbeat timeout plus two refreshes, 3 s + 2 x 2 s); both sides drop each
 * other, the cut-off node says it is isolated and its {@code cluster} health is
 * OUT_OF_SERVICE while the four others are not, and once it is plugged back in the mesh
 * heals within two refresh intervals plus a margin, one link per pair, and the node is UP
 * again.
 */
@Order(4)
@ExtendWith(SharedClusterExtension.class)
class PartitionSystemTests {

    /** How long the node stays cut off. */
    static final Duration PARTITION = Duration.ofSeconds(12);

    /**
     * What "healed within two refresh intervals" allows on top, for a busy two-core
     * machine.
     */
    static final Duration HEAL_MARGIN = Duration.ofSeconds(3);

    @Test
    void partitionedNodeIsDroppedBothWaysAndTheMeshHealsWithinTwoRefreshes(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode isolated = cluster.node(4);
        List<SampleNode> others = cluster.nodesExcept(isolated);
        LogMarks marks = LogMarks.of(cluster.nodes());

        Instant cutAt = Instant.now();
        cluster.lab().unplug(isolated.namespace());
        try {
            await("both sides of the partition to drop each other")
                .atMost(SampleCluster.HEARTBEAT_TIMEOUT.plusSeconds(8))
                .untilAsserted(() -> {
                    assertThat(cluster.meshProblems(others)).isEmpty();
                    assertThat(cluster.view(isolated).memberIds()).isEmpty();
                });
            Duration seen = Duration.between(cutAt, Instant.now());
            await("the cut-off node to say it is isolated and out of service")
                .atMost(SampleCluster.HEARTBEAT_TIMEOUT.plusSeconds(8))
                .untilAsserted(() -> {
                    assertThat(cluster.view(isolated).isolated()).isTrue();
                    assertThat(isolated.clusterHealth()).contains("OUT_OF_SERVICE");
                });
            Figures.record("cut-off node OUT_OF_SERVICE", Duration.between(cutAt, Instant.now()),
                    "link down to its endpoint's isolation and its cluster health OUT_OF_SERVICE, polled");
            cluster.views(others)
                .forEach((node, view) -> assertThat(view).as("%s's endpoint", node.name())
                    .hasValueSatisfying(answer -> assertThat(answer.isolated()).isFalse()));
            others.forEach(node -> assertThat(node.clusterHealth()).as("%s's health", node.name()).contains("UP"));
            await("the partition to last " + PARTITION.toSeconds() + " s with the majority meshed")
                .during(PARTITION.minus(seen))
                .atMost(PARTITION.plusSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(cluster.meshProblems(others)).isEmpty());
        }
        finally {
            cluster.lab().plugIn(isolated.namespace());
        }
        Instant healedFrom = Instant.now();
        List<PeerLogLine> leaves = new ArrayList<>();
        for (SampleNode node : others) {
            assertThat(marks.leaves(node, isolated)).as("%s's leaves of %s", node.name(), isolated.name())
                .singleElement()
                .satisfies(leave -> assertThat(leave.leftFor("HEARTBEAT_TIMEOUT", "CONNECTION_LOST")).isTrue());
            leaves.addAll(marks.leaves(node, isolated));
            assertThat(marks.leaves(isolated, node)).as("%s's leaves of %s", isolated.name(), node.name()).hasSize(1);
        }
        Figures.record("partition seen by the 4 others", LogMarks.latestAfter(cutAt, leaves),
                "link down to the last Goodbye line; reasons "
                        + leaves.stream().map(l -> l.reason().orElseThrow()).distinct().toList());

        Duration healDeadline = SampleCluster.REFRESH_INTERVAL.multipliedBy(2).plus(HEAL_MARGIN);
        cluster.awaitMesh(cluster.nodes(), healDeadline);
        Duration healed = Duration.between(healedFrom, Instant.now());
        Figures.record("partition healed (full mesh again)", healed,
                "link up to every endpoint listing the 4 others, polled; deadline " + healDeadline.toMillis() + " ms");
        await("the cut-off node to be UP again").atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(isolated.clusterHealth()).contains("UP"));
        Figures.record("cut-off node UP again", Duration.between(healedFrom, Instant.now()),
                "link up to its cluster health UP, polled");
        assertThat(cluster.view(isolated).isolated()).isFalse();
        await("the healed mesh to hold with one link per pair").during(SampleCluster.REFRESH_INTERVAL.multipliedBy(2))
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(cluster.meshProblems(cluster.nodes())).isEmpty());
        for (SampleNode node : others) {
            assertThat(marks.joins(node, isolated)).as("%s greeting %s again", node.name(), isolated.name()).hasSize(1);
        }
    }

}
