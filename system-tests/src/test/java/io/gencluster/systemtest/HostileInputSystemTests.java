package io.gencluster.systemtest;

import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.gencluster.systemtest.SampleCluster.Discovery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 7: hostile input on a node's transport port, from a client in a lab namespace
 * of its own: every bad connection is closed within the handshake deadline
 * ({@code connect-timeout}, 3 s), the node's memory stays bounded, and its links to the
 * other members are untouched.
 */
@Order(7)
@ExtendWith(SharedClusterExtension.class)
class HostileInputSystemTests {

    /**
     * How late after the handshake deadline a single bad connection's close may come on a
     * busy two-core machine.
     */
    static final Duration CLOSE_SLACK = Duration.ofSeconds(2);

    /**
     * How late the last of the idle burst may be closed: the deadline runs from when the
     * node accepts a connection, and 2000 arriving within a second or two wait in the
     * kernel's accept queue first.
     */
    static final Duration BURST_CLOSE_SLACK = Duration.ofSeconds(6);

    /** The most the node's RSS may grow over all the probes. */
    static final long RSS_GROWTH_BOUND_KIB = 128 * 1024;

    static final int IDLE_CONNECTIONS = 2000;

    @Test
    void badConnectionsAreClosedWithinTheHandshakeDeadlineWithBoundedMemoryAndMembersStay(SampleCluster cluster) {
        cluster.ensureMeshed(Discovery.SRV_RECORDS);
        SampleNode target = cluster.node(1);
        Namespace client = cluster.lab().host("client", 20);
        LogMarks marks = LogMarks.of(cluster.nodes());
        long rssBefore = target.residentKiB();
        long deadlineMs = SampleCluster.CONNECT_TIMEOUT.plus(CLOSE_SLACK).toMillis();

        for (String mode : new String[] { "garbage", "huge-frame", "half-handshake" }) {
            ProbeOutcome outcome = ProbeOutcome.run(client, target, mode, 1, Duration.ofSeconds(15));
            assertThat(outcome.closed()).as("%s connections closed by the node: %s", mode, outcome).isEqualTo(1);
            assertThat(outcome.maxCloseMs()).as("%s closed after (ms)", mode).isLessThanOrEqualTo(deadlineMs);
            Figures.record("hostile input closed: " + mode, Duration.ofMillis(outcome.maxCloseMs()),
                    "write to the node's close; handshake deadline 3000 ms");
        }

        ProbeOutcome idle = ProbeOutcome.run(client, target, "idle", IDLE_CONNECTIONS, Duration.ofSeconds(30));

        assertThat(idle.opened()).isEqualTo(IDLE_CONNECTIONS);
        assertThat(idle.closed()).as("idle connections closed by the node: %s", idle).isEqualTo(IDLE_CONNECTIONS);
        assertThat(idle.maxCloseMs()).as("slowest idle close (ms): %s", idle)
            .isLessThanOrEqualTo(SampleCluster.CONNECT_TIMEOUT.plus(BURST_CLOSE_SLACK).toMillis());
        Figures.record(IDLE_CONNECTIONS + " idle connections, median close", Duration.ofMillis(idle.medianCloseMs()),
                "each from its open; handshake deadline 3000 ms; opened in " + idle.openingMs() + " ms");
        Figures.record(IDLE_CONNECTIONS + " idle connections, slowest close", Duration.ofMillis(idle.maxCloseMs()),
                "each from its open; handshake deadline 3000 ms");
        long rssAfter = target.residentKiB();
        Figures.note("RSS of the probed node before / after", rssBefore / 1024 + " MiB / " + rssAfter / 1024 + " MiB");
        assertThat(rssAfter - rssBefore).as("RSS growth in KiB (before %d KiB)", rssBefore)
            .isLessThan(RSS_GROWTH_BOUND_KIB);
        assertThat(cluster.meshProblems(cluster.nodes())).isEmpty();
        for (SampleNode node : cluster.nodes()) {
            assertThat(marks.peerEvents(node)).as("joins and leaves %s logged", node.name()).isEmpty();
        }
    }

}
