package io.gencluster.systemtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.gencluster.systemtest.SampleCluster.Discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 6: a node that does not belong (a wrong cookie, published in DNS like the
 * others) never becomes a member anywhere; both sides say why in one WARN line; the five
 * are not disturbed. A client speaking another protocol version (the transport has no
 * switch for that, so a raw client sends the handshake frame) is refused with a reason,
 * and the members stay members.
 */
@Order(6)
@ExtendWith(SharedClusterExtension.class)
class IntruderSystemTests {

    @Test
    void nodeWithAWrongCookieIsNeverAMemberAndBothSidesLogWhy(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode intruder = cluster.extraNode("intruder", 16);
        List<SampleNode> everyone = new ArrayList<>(cluster.nodes());
        everyone.add(intruder);
        LogMarks marks = LogMarks.of(everyone);
        cluster.dns().publish(cluster.dnsHosts(everyone));
        try {
            cluster.start(intruder, Discovery.SRV_RECORDS, "not-" + cluster.cookie());

            await("every node and the intruder to log the cookie mismatch").atMost(SampleCluster.START_DEADLINE)
                .untilAsserted(() -> everyone.forEach(node -> assertThat(cookieWarnings(marks, node))
                    .as("%s's cookie warnings (log %s)", node.name(), node.log().file())
                    .isNotEmpty()));
            await("the five to keep their mesh with the intruder knocking")
                .during(SampleCluster.REFRESH_INTERVAL.multipliedBy(3))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(cluster.meshProblems(cluster.nodes())).isEmpty();
                    assertThat(cluster.view(intruder).memberIds()).as("the intruder's members").isEmpty();
                });

            for (SampleNode node : everyone) {
                String warning = cookieWarnings(marks, node).get(0);
                System.out.println("[gcst] " + node.name() + " logged: " + warning);
                assertThat(marks.peerEvents(node)).as("joins and leaves %s logged", node.name()).isEmpty();
                assertThat(stackTraceLines(marks, node)).as("stack traces in %s's log", node.name()).isEmpty();
            }
        }
        finally {
            intruder.kill();
            cluster.dns().publish(cluster.dnsHosts(cluster.nodes()));
        }
    }

    @Test
    void nodeSpeakingAnotherProtocolVersionIsRefusedAndMembersStay(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode target = cluster.node(5);
        Namespace client = cluster.lab().host("client", 20);
        LogMarks marks = LogMarks.of(cluster.nodes());

        ProbeOutcome outcome = ProbeOutcome.run(client, target, "other-version", 1, Duration.ofSeconds(15));

        assertThat(outcome.reject()).as("the node's answer: %s", outcome).isEqualTo("PROTOCOL_VERSION");
        assertThat(outcome.closed()).as("connections closed by the node").isEqualTo(1);
        assertThat(marks.lines(target)).as("%s's log", target.name())
            .anySatisfy(line -> assertThat(line).contains(" WARN ")
                .contains("protocol version " + (TransportProbe.PROTOCOL_VERSION + 1)));
        assertThat(cluster.meshProblems(cluster.nodes())).isEmpty();
        for (SampleNode node : cluster.nodes()) {
            assertThat(marks.peerEvents(node)).as("joins and leaves %s logged", node.name()).isEmpty();
        }
    }

    private static List<String> cookieWarnings(LogMarks marks, SampleNode node) {
        return marks.lines(node)
            .stream()
            .filter(line -> line.contains(" WARN ") && line.toLowerCase().contains("cookie"))
            .toList();
    }

    private static List<String> stackTraceLines(LogMarks marks, SampleNode node) {
        return marks.lines(node).stream().filter(line -> line.startsWith("\tat ")).toList();
    }

}
