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
 * Scenario 3: a node frozen with SIGSTOP past the heartbeat timeout is dropped, and
 * rejoins when resumed.
 */
@Order(3)
@ExtendWith(SharedClusterExtension.class)
class FrozenNodeSystemTests {

    @Test
    void frozenNodeTimesOutEverywhereAndRejoinsWithoutARestartWhenResumed(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode victim = cluster.node(3);
        List<SampleNode> others = cluster.nodesExcept(victim);
        LogMarks marks = LogMarks.of(cluster.nodes());
        long pid = victim.pid();

        Instant frozenAt = Instant.now();
        victim.freeze();
        List<PeerLogLine> leaves = new ArrayList<>();
        try {
            await("every other node to time out " + victim.name())
                .atMost(SampleCluster.HEARTBEAT_TIMEOUT.plusSeconds(15))
                .untilAsserted(() -> assertThat(cluster.meshProblems(others)).isEmpty());
            for (SampleNode node : others) {
                assertThat(marks.leaves(node, victim)).as("%s's leaves of %s", node.name(), victim.name())
                    .singleElement()
                    .satisfies(
                            leave -> assertThat(leave.leftFor("HEARTBEAT_TIMEOUT")).as("reason of %s", leave).isTrue());
                leaves.addAll(marks.leaves(node, victim));
            }
        }
        finally {
            victim.thaw();
        }
        Figures.record("SIGSTOP seen by all 4 others", LogMarks.latestAfter(frozenAt, leaves),
                "SIGSTOP to the last Goodbye (HEARTBEAT_TIMEOUT) line; heartbeat-timeout is 3 s");
        // the silence started at the last heartbeat before the freeze, up to one interval
        // earlier
        assertThat(LogMarks.latestAfter(frozenAt, leaves)).as("a timeout, not an earlier detection")
            .isGreaterThanOrEqualTo(
                    SampleCluster.HEARTBEAT_TIMEOUT.minus(SampleCluster.HEARTBEAT_INTERVAL).minusMillis(200));

        Instant thawedAt = Instant.now();
        cluster.awaitMesh(cluster.nodes(), SampleCluster.REFRESH_INTERVAL.multipliedBy(2).plusSeconds(15));

        assertThat(victim.pid()).as("the same JVM, not a restart").isEqualTo(pid);
        List<PeerLogLine> joins = new ArrayList<>();
        for (SampleNode node : others) {
            assertThat(marks.joins(node, victim)).as("%s greeting %s again", node.name(), victim.name()).hasSize(1);
            joins.addAll(marks.joins(node, victim));
        }
        Figures.record("SIGCONT to rejoined everywhere", LogMarks.latestAfter(thawedAt, joins),
                "SIGCONT to the last Hello line");
    }

}
