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
 * Scenario 8: all five are restarted one at a time (SIGTERM, then started again); the
 * four that run stay linked to each other at every poll, see each leaving node say
 * goodbye ({@code SHUTDOWN}) and greet it when it is back.
 */
@Order(8)
@ExtendWith(SharedClusterExtension.class)
class RollingRestartSystemTests {

    @Test
    void restartingEachNodeInTurnNeverBreaksTheOthersMesh(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        Instant rollStarted = Instant.now();
        List<Duration> goodbyes = new ArrayList<>();
        List<Duration> rejoins = new ArrayList<>();
        try (MeshWatch watch = new MeshWatch(cluster, cluster.nodesExcept(cluster.node(1)))) {
            for (SampleNode restarted : cluster.nodes()) {
                List<SampleNode> others = cluster.nodesExcept(restarted);
                watch.watch(others);
                LogMarks marks = LogMarks.of(cluster.nodes());

                Instant stoppedAt = Instant.now();
                restarted.stop();
                await("the others to see " + restarted.name() + " say goodbye").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> others.forEach(node -> assertThat(marks.leaves(node, restarted))
                        .as("%s's leaves of %s", node.name(), restarted.name())
                        .singleElement()
                        .satisfies(leave -> assertThat(leave.leftFor("SHUTDOWN")).as("%s", leave).isTrue())));
                goodbyes.add(LogMarks.latestAfter(stoppedAt,
                        others.stream().flatMap(node -> marks.leaves(node, restarted).stream()).toList()));

                Instant startedAt = Instant.now();
                cluster.start(restarted);
                cluster.awaitMesh(cluster.nodes(), SampleCluster.START_DEADLINE);
                rejoins.add(LogMarks.latestAfter(startedAt,
                        others.stream().flatMap(node -> marks.joins(node, restarted).stream()).toList()));
            }
            assertThat(watch.violations())
                .as("moments (of %d polls) when the running nodes were not all linked", watch.polls())
                .isEmpty();
            assertThat(watch.unanswered()).as("endpoint reads without an answer, of %d", watch.reads())
                .isLessThan(watch.reads() / 10);
            System.out.println(
                    "[gcst] rolling restart: " + watch.polls() + " polls of the four running nodes, none unlinked ("
                            + watch.unanswered() + " of " + watch.reads() + " reads unanswered within 5 s)");
        }
        Figures.record("rolling restart of 5, whole roll", Duration.between(rollStarted, Instant.now()),
                "5 x (SIGTERM, exit, JVM launch, full mesh)");
        Figures.record("orderly stop seen (SHUTDOWN), slowest",
                goodbyes.stream().max(Duration::compareTo).orElseThrow(),
                "SIGTERM to the last Goodbye (SHUTDOWN) line, per node " + millis(goodbyes));
        Figures.record("restarted node greeted by all, slowest",
                rejoins.stream().max(Duration::compareTo).orElseThrow(),
                "JVM launch to the last Hello line, per node " + millis(rejoins));
    }

    private static List<Long> millis(List<Duration> durations) {
        return durations.stream().map(Duration::toMillis).toList();
    }

}
