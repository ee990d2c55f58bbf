package io.gencluster.membership;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterEvent;
import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;
import io.gencluster.actuate.ScriptedTransport;
import io.gencluster.discovery.StaticDiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterManagerMembershipTests {

    private static final ClusterNode PEER = ScriptedTransport.node("b", 4371, 0xb1L, ClusterNode.Direction.OUTBOUND);

    private final ScriptedTransport transport = new ScriptedTransport();

    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    private final ClusterManager manager = new ClusterManager(transport,
            List.of(new StaticDiscovery(List.of(PEER.address()))), ClusterManagerSettings.every(Duration.ofHours(1)),
            event -> events.add((ClusterEvent) event));

    private final ClusterMembership membership = manager.membership();

    @AfterEach
    void stop() {
        manager.stop();
    }

    @Test
    void isEmptyAndNotRunningBeforeStart() {
        assertThat(membership.isRunning()).isFalse();
        assertThat(membership.self()).isEmpty();
        assertThat(membership.members()).isEmpty();
        assertThat(membership.member(PEER.id())).isEmpty();
    }

    @Test
    void showsSelfAndTheMembersWhileRunning() {
        transport.accept(PEER);
        manager.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> membership.members().equals(List.of(PEER)));
        assertThat(membership.isRunning()).isTrue();
        assertThat(membership.self()).contains(ScriptedTransport.SELF);
        assertThat(membership.member(PEER.id())).contains(PEER);
        assertThat(membership.member("c@127.0.0.1:4372")).isEmpty();
    }

    @Test
    void isEmptyAndNotRunningAfterStop() {
        transport.accept(PEER);
        manager.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> membership.members().size() == 1);

        manager.stop();

        assertThat(membership.isRunning()).isFalse();
        assertThat(membership.self()).isEmpty();
        assertThat(membership.members()).isEmpty();
        assertThat(membership.member(PEER.id())).isEmpty();
    }

    @Test
    void eventsComeFromTheManager() {
        transport.accept(PEER);
        manager.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
        assertThat(events.get(0).getSource()).isSameAs(manager);
    }

}
