package io.gencluster.systemtest;

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
 * Scenario 2: a node killed with {@code kill -9} is dropped everywhere, and its restart
 * rejoins everywhere.
 */
@Order(2)
@ExtendWith(SharedClusterExtension.class)
class CrashedNodeSystemTests {

    @Test
    void killedNodeIsDroppedEverywhereAndItsRestartRejoinsAsANewIncarnation(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode victim = cluster.node(2);
        List<SampleNode> others = cluster.nodesExcept(victim);
        LogMarks marks = LogMarks.of(cluster.nodes());
        long oldPid = victim.pid();
        String oldIncarnation = cluster.view(victim).incarnation();
        for (SampleNode node : others) {
            assertThat(cluster.view(node).incarnationOf(victim.id())).as("%s's view of %s", node.name(), victim.name())
                .contains(oldIncarnation);
        }

        Instant killedAt = Instant.now();
        victim.kill();

        await("every other node to drop " + victim.name()).atMost(SampleCluster.HEARTBEAT_TIMEOUT.plusSeconds(15))
            .untilAsserted(() -> assertThat(cluster.meshProblems(others)).isEmpty());
        List<PeerLogLine> leaves = new ArrayList<>();
        for (SampleNode node : others) {
            assertThat(marks.leaves(node, victim)).as("%s's leaves of %s", node.name(), victim.name())
                .singleElement()
                .satisfies(leave -> assertThat(leave.leftFor("CONNECTION_LOST", "HEARTBEAT_TIMEOUT"))
                    .as("reason of %s", leave)
                    .isTrue());
            leaves.addAll(marks.leaves(node, victim));
        }
        Figures.record("kill -9 seen by all 4 others", LogMarks.latestAfter(killedAt, leaves),
                "kill to the last Goodbye line; reasons "
                        + leaves.stream().map(l -> l.reason().orElseThrow()).distinct().toList());

        Instant restartedAt = Instant.now();
        cluster.start(victim);
        cluster.awaitMesh(cluster.nodes(), SampleCluster.START_DEADLINE);

        assertThat(victim.pid()).isNotEqualTo(oldPid);
        String newIncarnation = cluster.view(victim).incarnation();
        assertThat(newIncarnation).isNotEmpty().isNotEqualTo(oldIncarnation);
        for (SampleNode node : others) {
            assertThat(cluster.view(node).incarnationOf(victim.id()))
                .as("%s's view of the new %s", node.name(), victim.name())
                .contains(newIncarnation);
        }
        List<PeerLogLine> joins = new ArrayList<>();
        for (SampleNode node : others) {
            List<PeerLogLine> rejoins = marks.joins(node, victim);
            assertThat(rejoins).as("%s greeting the new %s", node.name(), victim.name())
                .singleElement()
                .satisfies(join -> assertThat(join.at()).isAfter(marks.leaves(node, victim).get(0).at()));
            joins.addAll(rejoins);
        }
        Figures.record("restart after kill -9, rejoined everywhere", LogMarks.latestAfter(restartedAt, joins),
                "JVM launch to the last Hello line (includes the JVM's start)");
    }

}
