package io.gencluster.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.LeaveReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults of a whole process, as operators cause them: kill -9, SIGSTOP, restart.
 * <p>
 * A loaded two-core machine can starve either JVM for seconds, so no check rests on a
 * deadline being short: deadlines are a minute, a heartbeat timeout is either far beyond
 * them (so only a reset can explain a leave) or seconds long, and the leave reason tells
 * which path was taken.
 */
class ProcessFaultTests {

    private static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(200);

    /**
     * Long enough that a starved JVM does not miss heartbeats for it, short enough to
     * wait for.
     */
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);

    /**
     * Never reached within a test: a leave then comes from the kernel's reset, not from
     * silence.
     */
    private static final Duration NO_HEARTBEAT_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration DEADLINE = Duration.ofMinutes(1);

    private final SharedSeeds seeds = new SharedSeeds();

    private TestNode local;

    private NodeProcess remote;

    @AfterEach
    void stopNodes() throws Exception {
        if (remote != null) {
            remote.close();
        }
        if (local != null) {
            local.close();
        }
    }

    /**
     * Fails if a killed peer is not dropped as soon as its sockets are reset (it would
     * wait for a heartbeat timeout).
     */
    @Test
    void killMinusNineIsSeenAsConnectionLostAtOnce() throws Exception {
        startLocal(NO_HEARTBEAT_TIMEOUT);
        remote = startRemote(freePort(), NO_HEARTBEAT_TIMEOUT);
        awaitMember(remote);
        remote.killHard();
        await().atMost(DEADLINE).until(() -> local.events.lastLeaveOf(remote.id()).isPresent());
        assertThat(local.events.lastLeaveOf(remote.id())).contains(LeaveReason.CONNECTION_LOST);
    }

    /**
     * Fails if a silent peer is not dropped for its silence, is dropped before the
     * timeout, or is not taken back when it speaks again.
     */
    @Test
    void aFrozenPeerIsSeenAsHeartbeatTimeoutAndRejoinsWhenThawed() throws Exception {
        startLocal(HEARTBEAT_TIMEOUT);
        remote = startRemote(freePort(), HEARTBEAT_TIMEOUT);
        awaitMember(remote);
        long frozenAt = System.nanoTime();
        remote.freeze();
        await().atMost(DEADLINE).until(() -> local.events.lastLeaveOf(remote.id()).isPresent());
        Duration seenAfter = Duration.ofNanos(System.nanoTime() - frozenAt);
        assertThat(local.events.lastLeaveOf(remote.id())).contains(LeaveReason.HEARTBEAT_TIMEOUT);
        assertThat(seenAfter).isGreaterThanOrEqualTo(HEARTBEAT_TIMEOUT.minus(HEARTBEAT_INTERVAL));
        remote.thaw();
        await().atMost(DEADLINE).until(() -> local.events.joinsOf(remote.id()) == 2);
        assertThat(local.manager.member(remote.id())).get()
            .satisfies(node -> assertThat(node.incarnation()).isEqualTo(remote.incarnation()));
        local.events.assertJoinsAndLeavesPair(false);
    }

    /**
     * Fails if a restarted peer is not taken as a new incarnation, or its old one is
     * never dropped.
     */
    @Test
    void aKilledPeerRestartedOnTheSameAddressRejoinsAsANewIncarnation() throws Exception {
        startLocal(NO_HEARTBEAT_TIMEOUT);
        int port = freePort();
        remote = startRemote(port, NO_HEARTBEAT_TIMEOUT);
        awaitMember(remote);
        long firstIncarnation = remote.incarnation();
        remote.killHard();
        await().atMost(DEADLINE).until(() -> local.events.lastLeaveOf(remote.id()).isPresent());
        remote = startRemote(port, NO_HEARTBEAT_TIMEOUT);
        assertThat(remote.incarnation()).isNotEqualTo(firstIncarnation);
        await().atMost(DEADLINE)
            .until(() -> local.manager.member(remote.id())
                .filter(node -> node.incarnation() == remote.incarnation())
                .isPresent());
        assertThat(local.events.joinsOf(remote.id())).isEqualTo(2);
        local.events.assertJoinsAndLeavesPair(false);
    }

    private void startLocal(Duration heartbeatTimeout) {
        local = TestNode.named("local").heartbeat(HEARTBEAT_INTERVAL, heartbeatTimeout).start(seeds);
    }

    private NodeProcess startRemote(int port, Duration heartbeatTimeout) throws IOException {
        return NodeProcess.start("remote", port, HEARTBEAT_INTERVAL, heartbeatTimeout,
                local.self().address().endpoint());
    }

    private void awaitMember(NodeProcess process) {
        await().atMost(DEADLINE).until(() -> local.manager.member(process.id()).isPresent());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
