package io.gencluster.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.gencluster.systemtest.SampleCluster.Discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 13: one pair's link flaps: cut both ways (blackhole routes in both namespaces)
 * until the two drop each other, restored until they link again, {@link #LEAVES} times,
 * within the default flapping window of a minute. Both ends then list the other under
 * {@code flapping}; each join is followed by exactly one leave, and the three others lose
 * neither.
 */
@Order(12)
@ExtendWith(SharedClusterExtension.class)
class FlappingLinkSystemTests {

    /** {@code gen-cluster.flapping.leaves}: the sample runs with the default. */
    private static final int LEAVES = 5;

    @Test
    void aLinkCutAndRestoredFiveTimesMarksThePeerFlappingAtBothEndsWithOneLeavePerJoin(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode one = cluster.node(3);
        SampleNode two = cluster.node(4);
        LogMarks marks = LogMarks.of(cluster.nodes());
        Instant firstCut = Instant.now();
        Instant lastCut = firstCut;
        for (int cycle = 1; cycle <= LEAVES; cycle++) {
            int leaves = cycle;
            lastCut = Instant.now();
            blackhole(one, two, "add");
            try {
                await("cut " + cycle + ": both ends to drop the other")
                    .atMost(SampleCluster.HEARTBEAT_TIMEOUT.plusSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> marks.leaves(one, two).size() == leaves && marks.leaves(two, one).size() == leaves);
            }
            finally {
                blackhole(one, two, "del");
            }
            if (cycle < LEAVES) {
                await("restore " + cycle + ": both ends to link again").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> marks.joins(one, two).size() == leaves && marks.joins(two, one).size() == leaves);
            }
        }
        Figures.record("flapping link: five cuts and restores", Duration.between(firstCut, Instant.now()),
                "first route added to the fifth leave at both ends");

        await("both ends to list the other as flapping").atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> {
                assertThat(cluster.view(one).flapping()).containsExactly(two.id());
                assertThat(cluster.view(two).flapping()).containsExactly(one.id());
            });
        Figures.record("flapping link: both ends list it as flapping", Duration.between(lastCut, Instant.now()),
                "fifth route added to both endpoints listing the other under flapping, polled");
        for (SampleNode node : List.of(one, two)) {
            assertThat(marks.lines(node)).as("%s's WARN", node.name()).anyMatch(line -> line.contains("is flapping"));
        }

        Instant restoredAt = Instant.now();
        await("both ends to link again after the hold-off").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> marks.joins(one, two).size() == LEAVES && marks.joins(two, one).size() == LEAVES);
        Figures.record("flapping link: linked again after the hold-off", Duration.between(restoredAt, Instant.now()),
                "flapping shown to both ends logging the join");
        for (SampleNode node : List.of(one, two)) {
            SampleNode peer = node == one ? two : one;
            List<PeerLogLine> events = marks.peerEvents(node)
                .stream()
                .filter(line -> line.peer().equals(peer.id()))
                .toList();
            assertThat(events).as("%s's joins and leaves of %s", node.name(), peer.name()).hasSize(2 * LEAVES);
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).joined()).as("%s event %d: %s", node.name(), i, events).isEqualTo(i % 2 == 1);
            }
        }
        for (SampleNode bystander : cluster.nodes()) {
            if (bystander != one && bystander != two) {
                assertThat(marks.leaves(bystander, one)).as("%s's leaves of %s", bystander.name(), one.name())
                    .isEmpty();
                assertThat(marks.leaves(bystander, two)).as("%s's leaves of %s", bystander.name(), two.name())
                    .isEmpty();
            }
        }
    }

    /** Drops (or restores) every packet between the two nodes, in both namespaces. */
    private static void blackhole(SampleNode one, SampleNode two, String action) {
        for (List<String> command : List.of(
                one.namespace().command("ip", "route", action, "blackhole", two.address() + "/32"),
                two.namespace().command("ip", "route", action, "blackhole", one.address() + "/32"))) {
            if (action.equals("add")) {
                HostCommand.run(command.toArray(String[]::new));
            }
            else {
                HostCommand.attempt(Duration.ofSeconds(10), command.toArray(String[]::new));
            }
        }
    }

}
