package io.gencluster.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Isolation: this node, one of five, is cut off when it loses more than half of the
 * cluster (this node counted) to broken links within 30 s, and stays so until enough
 * links return; the majority side of a partition, orderly leaves and slow attrition are
 * not isolation. On the manager's clock.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterManagerIsolationTests {

    private static final List<ClusterNode> PEERS = List.of(DialScript.node("b", 4371, ClusterNode.Direction.INBOUND),
            DialScript.node("c", 4372, ClusterNode.Direction.INBOUND),
            DialScript.node("d", 4373, ClusterNode.Direction.INBOUND),
            DialScript.node("e", 4374, ClusterNode.Direction.INBOUND));

    private final DialScript transport = new DialScript();

    private final TestClock clock = new TestClock();

    private final ClusterManager manager = new ClusterManager(transport, List.of(Set::of),
            ClusterManagerSettings.every(Duration.ofHours(1)), event -> {
            }, clock);

    @BeforeEach
    void joinFourPeers() {
        manager.start();
        PEERS.forEach(transport::dialledBy);
        assertThat(manager.members()).hasSize(4);
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    /**
     * Fails if the minority side of a partition is not isolated, if it is before the loss
     * that makes it a minority, or if it stays isolated once links return.
     */
    @Test
    void aNodeThatLosesMostOfTheClusterAtOnceIsIsolatedUntilLinksReturn(CapturedOutput output) {
        lose(0, LeaveReason.HEARTBEAT_TIMEOUT);
        lose(1, LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(manager.isolation()).as("2 of 5 lost: the majority side").isEmpty();

        clock.advance(Duration.ofSeconds(3));
        Instant third = clock.instant();
        lose(2, LeaveReason.CONNECTION_LOST);
        assertThat(manager.isolation()).contains(new Isolation(third, 3, 4));

        clock.advance(Duration.ofMinutes(10));
        lose(3, LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(manager.isolation()).as("losses do not age out while isolated").contains(new Isolation(third, 4, 4));

        transport.dialledBy(PEERS.get(0));
        assertThat(manager.isolation()).as("3 of 5 still lost").isPresent();
        transport.dialledBy(PEERS.get(1));
        assertThat(manager.isolation()).isEmpty();
        assertThat(output.getOut()).containsOnlyOnce("This node lost 3 of its 4 members within PT30S")
            .containsOnlyOnce("This node is back in the cluster: 2 of its 4 members are linked again");
    }

    /** Fails if losses spread over more than the window add up to isolation. */
    @Test
    void lossesFurtherApartThanTheWindowDoNotIsolate() {
        for (int peer = 0; peer < 4; peer++) {
            lose(peer, LeaveReason.HEARTBEAT_TIMEOUT);
            clock.advance(Duration.ofSeconds(31));
        }
        assertThat(manager.isolation()).isEmpty();
    }

    /** Fails if peers that stop or are disconnected count as lost links. */
    @Test
    void orderlyLeavesDoNotIsolate() {
        lose(0, LeaveReason.SHUTDOWN);
        lose(1, LeaveReason.SHUTDOWN);
        lose(2, LeaveReason.DISCONNECTED);
        lose(3, LeaveReason.PRUNED);
        assertThat(manager.isolation()).isEmpty();
    }

    /**
     * Fails if a member that came back is still counted as lost: B lost and back, then C
     * and D lost, is two of five.
     */
    @Test
    void aMemberThatCameBackIsNoLongerCountedAsLost() {
        lose(0, LeaveReason.HEARTBEAT_TIMEOUT);
        transport.dialledBy(PEERS.get(0));
        lose(1, LeaveReason.HEARTBEAT_TIMEOUT);
        lose(2, LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(manager.isolation()).isEmpty();
    }

    private void lose(int peer, LeaveReason reason) {
        transport.linkDown(PEERS.get(peer), reason);
    }

}
