package io.gencluster.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gencluster.LeaveReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Faults of a whole process, as operators cause them: kill -9, SIGSTOP, restart. */
class ProcessFaultTests {

    private static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(200);

    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);

    private final SharedSeeds seeds = new SharedSeeds();

    private TestNode local;

    private NodeProcess remote;

    @BeforeEach
    void startLocalNode() {
        local = TestNode.named("local").heartbeat(HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT).start(seeds);
    }

    @AfterEach
    void stopNodes() throws Exception {
        if (remote != null) {
            remote.close();
        }
        local.close();
    }

    @Test
    void killMinusNineIsSeenAsConnectionLostAtOnce() throws Exception {
        remote = startRemote(freePort());
        awaitMember(remote);
        remote.killHard();
        await().atMost(HEARTBEAT_TIMEOUT.multipliedBy(2))
            .until(() -> local.events.lastLeaveOf(remote.id()).isPresent());
        assertThat(local.events.lastLeaveOf(remote.id())).contains(LeaveReason.CONNECTION_LOST);
    }

    @Test
    void aFrozenPeerIsSeenAsHeartbeatTimeoutAndRejoinsWhenThawed() throws Exception {
        remote = startRemote(freePort());
        awaitMember(remote);
        long frozenAt = System.nanoTime();
        remote.freeze();
        await().atMost(HEARTBEAT_TIMEOUT.multipliedBy(3)).until(() -> local.events.lastLeaveOf(remote.id()).isPresent());
        Duration seenAfter = Duration.ofNanos(System.nanoTime() - frozenAt);
        assertThat(local.events.lastLeaveOf(remote.id())).contains(LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(seenAfter).isGreaterThanOrEqualTo(HEARTBEAT_TIMEOUT.minus(HEARTBEAT_INTERVAL));
        remote.thaw();
        await().atMost(Duration.ofSeconds(10)).until(() -> local.events.joinsOf(remote.id()) == 2);
        assertThat(local.manager.member(remote.id())).get()
            .satisfies(node -> assertThat(node.incarnation()).isEqualTo(remote.incarnation()));
        local.events.assertJoinsAndLeavesPair(false);
    }

    @Test
    void aKilledPeerRestartedOnTheSameAddressRejoinsAsANewIncarnation() throws Exception {
        int port = freePort();
        remote = startRemote(port);
        awaitMember(remote);
        long firstIncarnation = remote.incarnation();
        remote.killHard();
        await().atMost(Duration.ofSeconds(2)).until(() -> local.events.lastLeaveOf(remote.id()).isPresent());
        remote = startRemote(port);
        assertThat(remote.incarnation()).isNotEqualTo(firstIncarnation);
        await().atMost(Duration.ofSeconds(10)).until(() -> local.manager.member(remote.id())
            .filter(node -> node.incarnation() == remote.incarnation()).isPresent());
        assertThat(local.events.joinsOf(remote.id())).isEqualTo(2);
        local.events.assertJoinsAndLeavesPair(false);
    }

    private NodeProcess startRemote(int port) throws IOException {
        return NodeProcess.start("remote", port, HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT,
                local.self().address().endpoint());
    }

    private void awaitMember(NodeProcess process) {
        await().atMost(Duration.ofSeconds(10)).until(() -> local.manager.member(process.id()).isPresent());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
