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
 * Scenario 11: the link between two nodes is lost both ways (a blackhole route in each
 * namespace) while both keep their links to the three others. They drop each other, and
 * every node, the three bystanders included, shows that pair under {@code missingLinks};
 * nobody says it is isolated. Once the routes are gone the pair links again and no node
 * shows anything missing.
 */
@Order(10)
@ExtendWith(SharedClusterExtension.class)
class MissingLinkSystemTests {

    @Test
    void everyNodeShowsThePairThatLostItsLink(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode one = cluster.node(1);
        SampleNode two = cluster.node(2);
        List<String> pair = one.id().compareTo(two.id()) < 0 ? List.of(one.id(), two.id())
                : List.of(two.id(), one.id());
        LogMarks marks = LogMarks.of(cluster.nodes());

        Instant cutAt = Instant.now();
        blackhole(one, two, "add");
        try {
            await("every node to show the " + one.name() + "-" + two.name() + " pair missing")
                .atMost(SampleCluster.HEARTBEAT_TIMEOUT.plusSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> cluster.views(cluster.nodes())
                    .forEach((node, view) -> assertThat(view).as("%s's endpoint", node.name())
                        .hasValueSatisfying(answer -> {
                            assertThat(answer.missingPairs()).as("%s", answer.json()).containsExactly(pair);
                            assertThat(answer.isolated()).isFalse();
                        })));
            Figures.record("lost link shown as a missing pair everywhere", Duration.between(cutAt, Instant.now()),
                    "blackhole routes to every endpoint listing the pair under missingLinks, polled");
            await("a bystander to warn about the pair")
                .atMost(SampleCluster.REFRESH_INTERVAL.multipliedBy(3).plusSeconds(5))
                .until(() -> marks.lines(cluster.node(3))
                    .stream()
                    .anyMatch(line -> line.contains("have had no link to each other")));
            Figures.record("missing pair warned by a bystander", Duration.between(cutAt, Instant.now()),
                    "blackhole routes to n3's WARN, polled");
        }
        finally {
            blackhole(one, two, "del");
        }
        Instant restoredAt = Instant.now();
        await("no node to show a missing pair").atMost(SampleCluster.REFRESH_INTERVAL.multipliedBy(2).plusSeconds(10))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> cluster.views(cluster.nodes())
                .forEach((node, view) -> assertThat(view).as("%s's endpoint", node.name())
                    .hasValueSatisfying(answer -> assertThat(answer.missingPairs()).isEmpty())));
        Figures.record("restored link shown everywhere", Duration.between(restoredAt, Instant.now()),
                "routes removed to every endpoint listing no missing pair, polled");
        cluster.awaitMesh(cluster.nodes(), SampleCluster.REFRESH_INTERVAL.multipliedBy(2).plusSeconds(5));
    }

    /** Drops (or restores) every packet between the two nodes, in both namespaces. */
    private static void blackhole(SampleNode one, SampleNode two, String action) {
        List<List<String>> commands = List.of(
                one.namespace().command("ip", "route", action, "blackhole", two.address() + "/32"),
                two.namespace().command("ip", "route", action, "blackhole", one.address() + "/32"));
        for (List<String> command : commands) {
            if (action.equals("add")) {
                HostCommand.run(command.toArray(String[]::new));
            }
            else {
                // restoring is best effort: the namespaces go at the end of the run
                // anyway
                HostCommand.attempt(Duration.ofSeconds(10), command.toArray(String[]::new));
            }
        }
    }

}
