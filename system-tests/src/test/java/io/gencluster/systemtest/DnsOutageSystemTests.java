package io.gencluster.systemtest;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.gencluster.systemtest.SampleCluster.Discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 5: the DNS server is stopped for {@link #OUTAGE} (ten refresh intervals; the
 * issue's minute shortened to keep the suite short): no member is dropped, every node's
 * endpoint shows the lookup errors, and they clear by themselves when the server is back.
 */
@Order(5)
@ExtendWith(SharedClusterExtension.class)
class DnsOutageSystemTests {

    static final Duration OUTAGE = Duration.ofSeconds(20);

    @Test
    void membersSurviveADnsOutageThatTheEndpointReportsUntilItRecovers(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        LogMarks marks = LogMarks.of(cluster.nodes());

        Instant stoppedAt = Instant.now();
        cluster.dns().stop();
        try {
            await("every endpoint to report the failed lookups").atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> cluster.views(cluster.nodes())
                    .forEach((node, view) -> assertThat(view).as("%s's endpoint", node.name())
                        .hasValueSatisfying(answer -> assertThat(answer.refreshErrors()).isNotEmpty())));
            Figures.record("DNS outage shown in every endpoint", Duration.between(stoppedAt, Instant.now()),
                    "dnsmasq stopped to lastRefresh.errors non-empty everywhere, polled");
            Duration left = OUTAGE.minus(Duration.between(stoppedAt, Instant.now()));
            await("the outage to last " + OUTAGE.toSeconds() + " s with all members kept").during(left)
                .atMost(left.plusSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(cluster.meshProblems(cluster.nodes())).isEmpty());
            String errors = cluster.view(cluster.node(1)).refreshErrors().toString();
            System.out.println("[gcst] n1's refresh errors during the outage: " + errors);
        }
        finally {
            cluster.dns().start();
        }
        Instant restartedAt = Instant.now();

        await("every endpoint's errors to clear").atMost(SampleCluster.REFRESH_INTERVAL.multipliedBy(2).plusSeconds(10))
            .untilAsserted(() -> cluster.views(cluster.nodes())
                .forEach((node, view) -> assertThat(view).as("%s's endpoint", node.name())
                    .hasValueSatisfying(answer -> assertThat(answer.refreshErrors()).isEmpty())));
        Figures.record("DNS recovery (errors cleared everywhere)", Duration.between(restartedAt, Instant.now()),
                "dnsmasq back to lastRefresh.errors empty everywhere, polled");
        assertThat(cluster.meshProblems(cluster.nodes())).isEmpty();
        for (SampleNode node : cluster.nodes()) {
            assertThat(marks.peerEvents(node)).as("joins and leaves %s logged during the outage", node.name())
                .isEmpty();
        }
    }

}
