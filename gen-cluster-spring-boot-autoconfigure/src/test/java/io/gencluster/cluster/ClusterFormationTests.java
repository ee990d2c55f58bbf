package io.gencluster.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.PeerJoinedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterFormationTests {

    private final SharedSeeds seeds = new SharedSeeds();

    private final List<TestNode> nodes = new ArrayList<>();

    @AfterEach
    void stopAll() {
        nodes.forEach(TestNode::close);
    }

    @Test
    void threeNodesFormAFullMesh() {
        startNodes(3);
        awaitFullMesh();
        // Events reach the publisher on the manager's event thread, a moment after
        // membership changes.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (TestNode node : nodes) {
                assertThat(node.events.events()).hasSize(2).allMatch(PeerJoinedEvent.class::isInstance);
            }
        });
    }

    @Test
    void tenNodesFormAFullMesh() {
        startNodes(10);
        awaitFullMesh();
        nodes.forEach(node -> node.events.assertJoinsAndLeavesPair(false));
    }

    @Test
    void aNodeThatKnowsOnlyOneSeedReachesTheFullMeshWithConnectAll() {
        TestNode first = start("seed", seeds);
        SharedSeeds onlyFirst = new SharedSeeds();
        onlyFirst.add(first.self().address());
        for (int i = 1; i < 5; i++) {
            start("node" + i, onlyFirst);
        }
        awaitFullMesh();
    }

    @Test
    void twoClustersLinkedThroughOneConnectionMergeIntoOneMesh() {
        List<TestNode> left = seedCluster("left");
        List<TestNode> right = seedCluster("right");
        await().atMost(Duration.ofSeconds(15))
            .until(() -> left.get(0).manager.members().size() == 2 && right.get(0).manager.members().size() == 2);

        left.get(0).manager.connect(right.get(0).self().address());

        awaitFullMesh();
    }

    /**
     * Fails if connect-all off is ignored (members announced and announced addresses
     * dialled), even late.
     */
    @Test
    void withoutConnectAllANodeSeesOnlyWhatItDiscoversAndWhoDialsIt() {
        ClusterManagerSettings noConnectAll = ClusterManagerSettings.every(Duration.ofMillis(500))
            .withConnectAll(false);
        TestNode first = track(TestNode.named("seed").settings(noConnectAll).start(seeds));
        SharedSeeds onlyFirst = new SharedSeeds();
        onlyFirst.add(first.self().address());
        TestNode second = track(TestNode.named("second").settings(noConnectAll).start(onlyFirst));
        TestNode third = track(TestNode.named("third").settings(noConnectAll).start(onlyFirst));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.manager.members().size() == 2);
        // Held over several refreshes: an announced address dialled late would show only
        // after a while.
        await().during(Duration.ofSeconds(2))
            .atMost(Duration.ofSeconds(10))
            .until(() -> second.memberIds().equals(List.of(first.self().id()))
                    && third.memberIds().equals(List.of(first.self().id())));
    }

    @Test
    void orderlyStopIsSeenAsShutdownAtOnce() {
        startNodes(3);
        awaitFullMesh();
        TestNode leaving = nodes.remove(2);
        String id = leaving.self().id();
        leaving.close();
        // The reason, not the deadline, tells a goodbye from a heartbeat timeout: a
        // loaded machine may be slow.
        for (TestNode node : nodes) {
            await().atMost(Duration.ofSeconds(10)).until(() -> node.events.lastLeaveOf(id).isPresent());
            assertThat(node.events.lastLeaveOf(id)).contains(LeaveReason.SHUTDOWN);
        }
        leaving.events.assertJoinsAndLeavesPair(true);
    }

    @Test
    void aRestartedNodeRejoinsAsANewIncarnation() {
        startNodes(3);
        awaitFullMesh();
        TestNode leaving = nodes.remove(2);
        ClusterNode before = leaving.self();
        leaving.close();
        TestNode restarted = track(TestNode.named("node2").port(before.address().port()).start(seeds));
        awaitFullMesh();
        ClusterNode after = restarted.self();
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.incarnation()).isNotEqualTo(before.incarnation());
        for (TestNode node : nodes.subList(0, 2)) {
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(node.events.joinsOf(before.id())).isEqualTo(2));
            assertThat(node.manager.member(before.id())).get()
                .extracting(ClusterNode::incarnation)
                .isEqualTo(after.incarnation());
            node.events.assertJoinsAndLeavesPair(false);
        }
    }

    /**
     * Fails if the peer that was disconnected does not see it as {@code DISCONNECTED}, or
     * is not dialled again.
     */
    @Test
    void disconnectIsSeenOnBothSidesAndTheRefreshReconnects() {
        startNodes(2);
        awaitFullMesh();
        TestNode first = nodes.get(0);
        TestNode second = nodes.get(1);
        String firstId = first.self().id();
        String secondId = second.self().id();
        first.manager.disconnect(secondId).orElseThrow().toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> first.events.lastLeaveOf(secondId).isPresent()
                    && second.events.lastLeaveOf(firstId).isPresent());
        assertThat(first.events.lastLeaveOf(secondId)).contains(LeaveReason.DISCONNECTED);
        assertThat(second.events.lastLeaveOf(firstId)).contains(LeaveReason.DISCONNECTED);
        awaitFullMesh();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> first.events.joinsOf(secondId) == 2 && second.events.joinsOf(firstId) == 2);
    }

    @Test
    void pruneDisconnectsMembersDiscoveryNoLongerReturns() {
        ClusterManagerSettings prune = ClusterManagerSettings.every(Duration.ofMillis(300)).withPruneUndiscovered(true);
        SharedSeeds firstSees = new SharedSeeds();
        TestNode first = track(TestNode.named("first").settings(prune).start(firstSees));
        TestNode second = track(TestNode.named("second")
            .settings(ClusterManagerSettings.every(Duration.ofHours(1)))
            .start(new SharedSeeds()));
        firstSees.add(second.self().address());
        await().atMost(Duration.ofSeconds(5)).until(() -> first.manager.members().size() == 1);
        firstSees.remove(second.self().address());
        String id = second.self().id();
        await().atMost(Duration.ofSeconds(5)).until(() -> first.events.lastLeaveOf(id).isPresent());
        assertThat(first.events.lastLeaveOf(id)).contains(LeaveReason.PRUNED);
    }

    @Test
    void eventsArriveInOrderOnTheClusterEventThread() {
        startNodes(3);
        awaitFullMesh();
        nodes.remove(2).close();
        for (TestNode node : nodes) {
            await().atMost(Duration.ofSeconds(10)).until(() -> node.events.events().size() == 3);
            assertThat(node.events.threads()).containsOnly("gen-cluster-events");
            node.events.assertJoinsAndLeavesPair(false);
        }
    }

    @Test
    void everyJoinIsMatchedByExactlyOneLeaveWhenAllStop() {
        startNodes(4);
        awaitFullMesh();
        List<TestNode> all = List.copyOf(nodes);
        nodes.clear();
        all.forEach(TestNode::close);
        all.forEach(node -> node.events.assertJoinsAndLeavesPair(true));
    }

    private void startNodes(int count) {
        IntStream.range(0, count).forEach(i -> start("node" + i, seeds));
    }

    /**
     * A seed and two nodes that discover only the seed (and do not share the test's
     * seeds).
     */
    private List<TestNode> seedCluster(String name) {
        TestNode seed = track(TestNode.named(name + "-seed").start(new SharedSeeds()));
        SharedSeeds onlySeed = new SharedSeeds();
        onlySeed.add(seed.self().address());
        return List.of(seed, track(TestNode.named(name + "1").start(onlySeed)),
                track(TestNode.named(name + "2").start(onlySeed)));
    }

    private TestNode start(String name, SharedSeeds discovery) {
        TestNode node = track(TestNode.named(name).start(discovery));
        seeds.add(node.self().address());
        return node;
    }

    private TestNode track(TestNode node) {
        nodes.add(node);
        seeds.add(node.self().address());
        return node;
    }

    private void awaitFullMesh() {
        List<String> ids = nodes.stream().map(node -> node.self().id()).sorted().toList();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
            for (TestNode node : nodes) {
                List<String> others = ids.stream().filter(id -> !id.equals(node.self().id())).toList();
                assertThat(node.memberIds()).as("members of %s", node.self().id()).isEqualTo(others);
            }
        });
    }

}
