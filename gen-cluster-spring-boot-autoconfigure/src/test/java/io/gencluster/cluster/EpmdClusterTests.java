package io.gencluster.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.discovery.epmd.EpmdDiscovery;
import io.gencluster.discovery.epmd.RealEpmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clusters that find each other through a port mapper: Erlang's epmd, or the one a node
 * runs itself.
 */
class EpmdClusterTests {

    private final List<TestNode> nodes = new ArrayList<>();

    private final List<EpmdDiscovery> strategies = new ArrayList<>();

    @AfterEach
    void stopAll() {
        nodes.forEach(TestNode::close);
    }

    @Test
    void threeNodesFormAClusterThroughErlangsEpmd() throws Exception {
        try (RealEpmd epmd = RealEpmd.start()) {
            for (int i = 0; i < 3; i++) {
                start("node" + i, epmd.port(), false);
            }
            awaitMesh(nodes);
            assertThat(epmd.names()).contains("node0", "node1", "node2");
        }
    }

    @Test
    void survivorsKeepTheirLinkAndTakeOverWhenTheNodeRunningTheEmbeddedMapperIsKilled() throws Exception {
        int mapperPort = freePort();
        try (NodeProcess mapperNode = NodeProcess.start("mapper", freePort(), Duration.ofMillis(200),
                Duration.ofSeconds(2), "epmd:" + mapperPort)) {
            TestNode second = start("second", mapperPort, true);
            TestNode third = start("third", mapperPort, true);
            await().atMost(Duration.ofSeconds(15))
                .until(() -> second.manager.members().size() == 2 && third.manager.members().size() == 2);
            assertThat(strategies).noneMatch(EpmdDiscovery::runsEmbeddedPortMapper);

            mapperNode.killHard();
            await().atMost(Duration.ofSeconds(10))
                .until(() -> strategies.stream().anyMatch(EpmdDiscovery::runsEmbeddedPortMapper));
            await().atMost(Duration.ofSeconds(5)).until(() -> second.events.lastLeaveOf(mapperNode.id()).isPresent());
            assertThat(second.events.lastLeaveOf(mapperNode.id())).contains(LeaveReason.CONNECTION_LOST);

            TestNode fourth = start("fourth", mapperPort, true);
            await().atMost(Duration.ofSeconds(15))
                .until(() -> fourth.memberIds().equals(sortedIds(second.self(), third.self())));
            // Held for a while: a link dropped by the take-over would show a leave only
            // later.
            await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> second.events.lastLeaveOf(third.self().id()).isEmpty()
                        && third.events.lastLeaveOf(second.self().id()).isEmpty());
        }
    }

    private TestNode start(String name, int epmdPort, boolean embedded) {
        EpmdDiscovery discovery = new EpmdDiscovery(List.of("localhost"), epmdPort, embedded, Duration.ofSeconds(2));
        strategies.add(discovery);
        TestNode node = TestNode.named(name).start(discovery);
        nodes.add(node);
        return node;
    }

    private static void awaitMesh(List<TestNode> nodes) {
        await().atMost(Duration.ofSeconds(15))
            .until(() -> nodes.stream().allMatch(node -> node.manager.members().size() == nodes.size() - 1));
    }

    private static List<String> sortedIds(ClusterNode... nodes) {
        return Arrays.stream(nodes).map(ClusterNode::id).sorted().toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
