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
 * Scenario 12: the link between two nodes is lost one way only (a blackhole route in the
 * first node's namespace drops its packets to the second; the other way still works)
 * while both keep their links to the three others. The second hears nothing, asks the
 * others, who still hear the first, and drops it as {@code HEARD_BY_OTHERS}; the first
 * drops the second too (recorded, not asserted: TCP stalls the second's sending once its
 * acknowledgements are lost, so in practice it is the same); every node shows the pair
 * missing and nobody else loses anyone.
 */
@Order(11)
@ExtendWith(SharedClusterExtension.class)
class OneWayLinkSystemTests {

    @Test
    void aLinkLostOneWayLeavesAsHeardByOthersAndEveryNodeShowsThePairMissing(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode one = cluster.node(1);
        SampleNode two = cluster.node(2);
        List<String> pair = one.id().compareTo(two.id()) < 0 ? List.of(one.id(), two.id())
                : List.of(two.id(), one.id());
        LogMarks marks = LogMarks.of(cluster.nodes());

        Instant cutAt = Instant.now();
        List<String> route = one.namespace().command("ip", "route", "add", "blackhole", two.address() + "/32");
        HostCommand.run(route.toArray(String[]::new));
        try {
            await(two.name() + " to drop " + one.name()).atMost(SampleCluster.HEARTBEAT_TIMEOUT.plusSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !marks.leaves(two, one).isEmpty() && !marks.leaves(one, two).isEmpty());
            PeerLogLine heard = marks.leaves(two, one).get(0);
            PeerLogLine other = marks.leaves(one, two).get(0);
            assertThat(heard.reason()).as("%s's leave of %s", two.name(), one.name()).contains("HEARD_BY_OTHERS");
            assertThat(marks.lines(two)).anyMatch(line -> line.contains("left: HEARD_BY_OTHERS (heard by "));
            Figures.record("one-way loss: the receiving end drops (HEARD_BY_OTHERS)",
                    Duration.between(cutAt, heard.at()),
                    "route in " + one.name() + " to " + two.name() + "'s leave log line");
            Figures.note("one-way loss: the receiving end's leave",
                    marks.lines(two)
                        .stream()
                        .filter(line -> line.contains("left: HEARD_BY_OTHERS"))
                        .findFirst()
                        .map(line -> line.substring(line.indexOf("left: ")))
                        .orElse("?"));
            Figures.record("one-way loss: the sending end drops (" + other.reason().orElse("?") + ")",
                    Duration.between(cutAt, other.at()), "route to " + one.name() + "'s leave log line");

            await("every node to show the " + one.name() + "-" + two.name() + " pair missing")
                .atMost(SampleCluster.HEARTBEAT_TIMEOUT.plusSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> cluster.views(cluster.nodes())
                    .forEach((node, view) -> assertThat(view).as("%s's endpoint", node.name())
                        .hasValueSatisfying(answer -> {
                            assertThat(answer.missingPairs()).as("%s", answer.json()).containsExactly(pair);
                            assertThat(answer.isolated()).isFalse();
                        })));
            Figures.record("one-way loss: pair shown missing everywhere", Duration.between(cutAt, Instant.now()),
                    "route to every endpoint listing the pair, polled");
            for (SampleNode bystander : cluster.nodesExcept(one)) {
                if (bystander != two) {
                    assertThat(marks.leaves(bystander, one)).as("%s's leaves of %s", bystander.name(), one.name())
                        .isEmpty();
                    assertThat(marks.leaves(bystander, two)).as("%s's leaves of %s", bystander.name(), two.name())
                        .isEmpty();
                }
            }
        }
        finally {
            HostCommand.attempt(Duration.ofSeconds(10),
                    one.namespace()
                        .command("ip", "route", "del", "blackhole", two.address() + "/32")
                        .toArray(String[]::new));
        }
        Instant restoredAt = Instant.now();
        await("no node to show a missing pair").atMost(SampleCluster.REFRESH_INTERVAL.multipliedBy(2).plusSeconds(15))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> cluster.views(cluster.nodes())
                .forEach((node, view) -> assertThat(view).as("%s's endpoint", node.name())
                    .hasValueSatisfying(answer -> assertThat(answer.missingPairs()).isEmpty())));
        Figures.record("one-way loss: restored link shown everywhere", Duration.between(restoredAt, Instant.now()),
                "route removed to every endpoint listing no missing pair, polled");
        cluster.awaitMesh(cluster.nodes(), SampleCluster.REFRESH_INTERVAL.multipliedBy(2).plusSeconds(10));
    }

}
