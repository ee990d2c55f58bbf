package io.gencluster.actuate;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.StaticDiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class ClusterHealthIndicatorTests {

    private static final ClusterNode B = ScriptedTransport.node("b", 4371, 0xb1L, ClusterNode.Direction.INBOUND);

    private static final ClusterNode C = ScriptedTransport.node("c", 4372, 0xc1L, ClusterNode.Direction.INBOUND);

    private final ScriptedTransport transport = new ScriptedTransport();

    private ClusterManager manager;

    @BeforeEach
    void start() {
        manager = new ClusterManager(transport,
                List.of(new StaticDiscovery(List.of(NodeAddress.of("127.0.0.1", 4399)))),
                ClusterManagerSettings.every(Duration.ofHours(1)), event -> {
                });
        manager.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.pending().size() == 1);
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    @Test
    void isUpWithoutMembersByDefault() {
        Health health = new ClusterHealthIndicator(manager, 0).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("members", 0)
            .containsEntry("memberIds", List.of())
            .containsEntry("discovered", 1)
            .containsEntry("pending", 1)
            .containsEntry("minMembers", 0)
            .doesNotContainKey("reason");
    }

    @Test
    void isDownBelowMinMembersAndUpOnceReached() {
        ClusterHealthIndicator indicator = new ClusterHealthIndicator(manager, 2);
        transport.peerUp(B);

        Health below = indicator.health();
        assertThat(below.getStatus()).isEqualTo(Status.DOWN);
        assertThat(below.getDetails()).containsEntry("members", 1)
            .containsEntry("memberIds", List.of("b@127.0.0.1:4371"))
            .containsEntry("minMembers", 2)
            .containsEntry("reason", "1 member(s), at least 2 needed");

        transport.peerUp(C);
        Health reached = indicator.health();
        assertThat(reached.getStatus()).isEqualTo(Status.UP);
        assertThat(reached.getDetails()).containsEntry("members", 2)
            .containsEntry("memberIds", List.of("b@127.0.0.1:4371", "c@127.0.0.1:4372"));

        transport.peerDown(C, LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }

    /**
     * Fails if a node cut off from most of its members is not taken out of service when
     * asked to, or is not put back once its links return.
     */
    @Test
    void isOutOfServiceWhileIsolatedWhenAskedToAndUpOnceLinksReturn() {
        ClusterNode d = ScriptedTransport.node("d", 4373, 0xd1L, ClusterNode.Direction.INBOUND);
        ClusterHealthIndicator indicator = new ClusterHealthIndicator(manager, 0, true);
        List.of(B, C, d).forEach(transport::peerUp);

        transport.peerDown(B, LeaveReason.HEARTBEAT_TIMEOUT);
        transport.peerDown(C, LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(indicator.health().getStatus()).as("2 of a cluster of 4 lost: not more than half")
            .isEqualTo(Status.UP);
        transport.peerDown(d, LeaveReason.CONNECTION_LOST);

        Health isolated = indicator.health();
        assertThat(isolated.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(isolated.getDetails()).containsEntry("isolated", true);
        assertThat((String) isolated.getDetails().get("reason"))
            .startsWith("cut off from the cluster: 3 of 3 members lost since ");
        assertThat(new ClusterHealthIndicator(manager, 0).health().getStatus()).as("off by default")
            .isEqualTo(Status.UP);

        transport.peerUp(B);
        assertThat(indicator.health().getStatus()).as("1 of 4 back: 2 of 4 still lost").isEqualTo(Status.UP);
        assertThat(indicator.health().getDetails()).containsEntry("isolated", false);
    }

    @Test
    void refusesNegativeMinMembers() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClusterHealthIndicator(manager, -1))
            .withMessageContaining("minMembers must be 0 or more");
    }

}
