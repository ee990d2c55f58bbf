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
 * Scenario 10: DNS forgets a live node (a rolling deploy where the Service drops a pod
 * before the pod stops). Every other node lists it as {@code undiscovered} within a
 * refresh or two and keeps it for {@link SampleCluster#PRUNE_AFTER}, then prunes it
 * ({@code PRUNED}); the forgotten node sees them leave as {@code DISCONNECTED}.
 */
@Order(9)
@ExtendWith(SharedClusterExtension.class)
class VanishedPeerSystemTests {

    @Test
    void aLiveNodeThatDnsForgetsIsKeptForTheGracePeriodThenPruned(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode forgotten = cluster.node(5);
        List<SampleNode> others = cluster.nodesExcept(forgotten);
        LogMarks marks = LogMarks.of(cluster.nodes());

        Instant forgottenAt = Instant.now();
        cluster.dns().publish(cluster.dnsHosts(others));
        try {
            await("every other node to list " + forgotten.name() + " as undiscovered, still a member")
                .atMost(SampleCluster.REFRESH_INTERVAL.multipliedBy(2).plusSeconds(8))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> cluster.views(others)
                    .forEach((node, view) -> assertThat(view).as("%s's endpoint", node.name())
                        .hasValueSatisfying(answer -> {
                            assertThat(answer.undiscovered()).containsExactly(forgotten.id());
                            assertThat(answer.memberIds()).contains(forgotten.id());
                        })));
            Figures.record("forgotten node listed as undiscovered everywhere",
                    Duration.between(forgottenAt, Instant.now()),
                    "DNS republished without it to every other endpoint listing it under undiscovered, polled");

            await("every other node to prune " + forgotten.name())
                .atMost(SampleCluster.PRUNE_AFTER.plus(SampleCluster.REFRESH_INTERVAL.multipliedBy(2)).plusSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> others.forEach(node -> assertThat(marks.leaves(node, forgotten))
                    .as("%s's leaves of %s", node.name(), forgotten.name())
                    .isNotEmpty()));
        }
        finally {
            cluster.dns().publish(cluster.dnsHosts(cluster.nodes()));
        }
        List<PeerLogLine> prunes = new ArrayList<>();
        for (SampleNode node : others) {
            PeerLogLine first = marks.leaves(node, forgotten).get(0);
            assertThat(first.leftFor("PRUNED")).as("%s's first leave of %s: %s", node.name(), forgotten.name(), first)
                .isTrue();
            assertThat(Duration.between(forgottenAt, first.at())).as("%s kept %s", node.name(), forgotten.name())
                .isGreaterThanOrEqualTo(SampleCluster.PRUNE_AFTER);
            prunes.add(first);
            assertThat(marks.leaves(forgotten, node).get(0).leftFor("DISCONNECTED")).isTrue();
        }
        Duration earliest = prunes.stream()
            .map(line -> Duration.between(forgottenAt, line.at()))
            .min(Duration::compareTo)
            .orElseThrow();
        Figures.record("forgotten node pruned (first of 4)", earliest,
                "DNS republished without it to the first Goodbye (PRUNED); grace "
                        + SampleCluster.PRUNE_AFTER.toMillis() + " ms");
        Figures.record("forgotten node pruned (last of 4)", LogMarks.latestAfter(forgottenAt, prunes),
                "DNS republished without it to the last Goodbye (PRUNED)");
        cluster.awaitMesh(cluster.nodes(), SampleCluster.REFRESH_INTERVAL.multipliedBy(2).plusSeconds(10));
        for (SampleNode node : cluster.nodes()) {
            for (SampleNode peer : cluster.nodesExcept(node)) {
                List<PeerLogLine> events = marks.peerEvents(node)
                    .stream()
                    .filter(line -> line.peer().equals(peer.id()))
                    .toList();
                if (node != forgotten && peer != forgotten) {
                    assertThat(events).as("%s's joins and leaves of %s", node.name(), peer.name()).isEmpty();
                }
                for (int i = 0; i < events.size(); i++) {
                    // members when the DNS changed: each leave comes before the join that
                    // follows it
                    assertThat(events.get(i).joined()).as("%s's events of %s: %s", node.name(), peer.name(), events)
                        .isEqualTo(i % 2 == 1);
                }
            }
        }
    }

}
