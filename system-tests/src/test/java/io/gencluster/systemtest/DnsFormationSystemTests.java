package io.gencluster.systemtest;

import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.gencluster.systemtest.SampleCluster.Discovery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1: five JVMs in five namespaces find each other through DNS alone and form a
 * full mesh.
 */
@Order(1)
@ExtendWith(SharedClusterExtension.class)
class DnsFormationSystemTests {

    @Test
    @Order(1)
    void fiveNodesFormAFullMeshThroughDnsARecords(SampleCluster cluster) {
        cluster.stopAll();
        LogMarks marks = LogMarks.of(cluster.nodes());

        Duration took = cluster.ensureMeshed(Discovery.A_RECORDS);

        Figures.record("formation, 5 JVMs, A records", took, "JVM launch to every endpoint listing the 4 others");
        assertEveryNodeDiscoveredAndGreetedTheOthers(cluster, marks);
    }

    @Test
    @Order(2)
    void fiveNodesFormAFullMeshThroughDnsSrvRecords(SampleCluster cluster) {
        cluster.stopAll();
        LogMarks marks = LogMarks.of(cluster.nodes());

        Duration took = cluster.ensureMeshed(Discovery.SRV_RECORDS);

        Figures.record("formation, 5 JVMs, SRV records", took, "JVM launch to every endpoint listing the 4 others");
        assertEveryNodeDiscoveredAndGreetedTheOthers(cluster, marks);
    }

    private static void assertEveryNodeDiscoveredAndGreetedTheOthers(SampleCluster cluster, LogMarks marks) {
        for (SampleNode node : cluster.nodes()) {
            ClusterView view = cluster.view(node);
            assertThat(view.self()).as("%s's self", node.name()).contains(node.address());
            assertThat(view.refreshErrors()).as("%s's last refresh errors", node.name()).isEmpty();
            for (SampleNode peer : cluster.nodesExcept(node)) {
                assertThat(view.discovered()).as("what DNS gave %s", node.name())
                    .anySatisfy(address -> assertThat(address).containsAnyOf(peer.address(), peer.name() + "."));
                // a link may drop during the handshake race while five JVMs start; then
                // it leaves and joins again
                assertThat(marks.alternatingEvents(node, peer))
                    .as("%s's joins and leaves of %s", node.name(), peer.name())
                    .last()
                    .satisfies(last -> assertThat(last.joined()).isTrue());
            }
        }
    }

}
