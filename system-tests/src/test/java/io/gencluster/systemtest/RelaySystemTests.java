package io.gencluster.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.gencluster.systemtest.SampleCluster.Discovery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 9: a relay without the cookie, in a namespace of its own, dials two members
 * and forwards each one's bytes to the other. Neither node speaks first on a connection
 * it accepted, so nothing crosses the relay, no link comes up through it, both nodes
 * close it at the handshake deadline, and the cluster's own links are untouched. (With
 * the old challenge handshake both hellos and proofs crossed and each node took the relay
 * for the other.)
 */
@Order(7)
@ExtendWith(SharedClusterExtension.class)
class RelaySystemTests {

    @Test
    void aRelayBetweenTwoMembersCarriesNothingAndIsClosedAtTheDeadline(SampleCluster cluster) throws Exception {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode first = cluster.node(1);
        SampleNode second = cluster.node(2);
        Namespace relay = cluster.lab().host("relay", 21);
        LogMarks marks = LogMarks.of(cluster.nodes());
        Duration watch = SampleCluster.CONNECT_TIMEOUT.plus(HostileInputSystemTests.CLOSE_SLACK).plusSeconds(2);

        Map<String, Long> outcome = relay(relay, first, second, watch);

        assertThat(outcome.get("aToB")).as("bytes the first node sent through the relay").isZero();
        assertThat(outcome.get("bToA")).as("bytes the second node sent through the relay").isZero();
        long deadlineMs = SampleCluster.CONNECT_TIMEOUT.plus(HostileInputSystemTests.CLOSE_SLACK).toMillis();
        assertThat(outcome.get("closedAMs")).as("first node closed the relay (ms)").isBetween(0L, deadlineMs);
        assertThat(outcome.get("closedBMs")).as("second node closed the relay (ms)").isBetween(0L, deadlineMs);
        Figures.record("relay without the cookie closed",
                Duration.ofMillis(Math.max(outcome.get("closedAMs"), outcome.get("closedBMs"))),
                "dial to the later close; handshake deadline 3000 ms");
        assertThat(cluster.meshProblems(cluster.nodes())).isEmpty();
        for (SampleNode node : cluster.nodes()) {
            assertThat(marks.peerEvents(node)).as("joins and leaves %s logged", node.name()).isEmpty();
        }
    }

    private static Map<String, Long> relay(Namespace from, SampleNode a, SampleNode b, Duration watch)
            throws Exception {
        String classes = Path.of(TransportRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        HostCommand.Result result = HostCommand.attempt(watch.plusSeconds(60),
                from.command(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classes, TransportRelay.class.getName(),
                        a.address(), b.address(), Integer.toString(SampleNode.TRANSPORT_PORT),
                        Long.toString(watch.toSeconds()))
                    .toArray(String[]::new));
        if (!result.succeeded()) {
            throw new IllegalStateException("the relay failed: " + result.output());
        }
        String line = result.output().strip().lines().reduce((earlier, last) -> last).orElse("");
        Map<String, Long> fields = new HashMap<>();
        for (String field : line.split(" ")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), Long.parseLong(field.substring(equals + 1)));
            }
        }
        assertThat(fields).as("the relay's report: %s", result.output())
            .containsKeys("aToB", "bToA", "closedAMs", "closedBMs");
        return fields;
    }

}
