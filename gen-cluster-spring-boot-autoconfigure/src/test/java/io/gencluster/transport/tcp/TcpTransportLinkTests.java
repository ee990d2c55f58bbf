package io.gencluster.transport.tcp;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.testsupport.TestCookies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static io.gencluster.transport.tcp.TcpTransportHandshakeTests.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TcpTransportLinkTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestTransports transports = new TestTransports();

    @AfterEach
    void stop() {
        transports.close();
    }

    @Test
    void orderlyStopIsSeenAsShutdownByThePeerAndStoppedByTheStoppingNode() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        ClusterNode memberB = connect(a, b.address());
        await().atMost(WAIT).until(() -> b.listener().members().size() == 1);

        long start = System.nanoTime();
        b.transport().stop();

        await().atMost(WAIT).until(() -> a.listener().leaveReason(memberB).isPresent());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(a.listener().leaveReason(memberB)).contains(LeaveReason.SHUTDOWN);
        assertThat(b.listener().leaveReasons(a.self().id())).containsExactly(LeaveReason.STOPPED);
        assertThat(a.transport().members()).isEmpty();
        assertThat(b.transport().members()).isEmpty();
    }

    /**
     * Fails if a link report that crossed the wire is dropped before the listener (the
     * {@code LINKS} frame's handler, or the registry's call to the listener): who sees
     * whom would then know only this node's own links.
     */
    @Test
    void eachEndHearsThePeersLinkReport() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        ClusterNode memberB = connect(a, b.address());
        await().atMost(WAIT).until(() -> b.listener().members().size() == 1);
        ClusterNode memberA = b.listener().members().iterator().next();

        await().atMost(WAIT).until(() -> !a.listener().linkReports(memberB).isEmpty());
        assertThat(a.listener().linkReports(memberB).get(0)).containsExactly(a.self().address());
        await().atMost(WAIT).until(() -> !b.listener().linkReports(memberA).isEmpty());
        assertThat(b.listener().linkReports(memberA).get(0)).containsExactly(b.self().address());
    }

    @Test
    void abruptCloseIsSeenAsConnectionLost() throws Exception {
        TestTransports.Node a = transports.start("a");
        ClusterNode raw = rawIdentity("raw", 1);
        try (RawPeer peer = RawPeer.connect(a.address())) {
            peer.handshake(raw, TestCookies.SHARED);
            await().atMost(WAIT).until(() -> a.listener().members().size() == 1);
        }
        await().atMost(WAIT).until(() -> a.listener().leaveReason(raw).isPresent());
        assertThat(a.listener().leaveReason(raw)).contains(LeaveReason.CONNECTION_LOST);
    }

    @Test
    void silentPeerLeavesWithHeartbeatTimeout() throws Exception {
        TestTransports.Node a = transports.start("a",
                settings -> settings.withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(500)));
        ClusterNode raw = rawIdentity("silent", 2);
        try (RawPeer silent = RawPeer.connect(a.address())) {
            silent.handshake(raw, TestCookies.SHARED);
            long upAt = System.nanoTime();
            await().atMost(WAIT).until(() -> a.listener().leaveReason(raw).isPresent());
            assertThat(a.listener().leaveReason(raw)).contains(LeaveReason.HEARTBEAT_TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - upAt)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            await().atMost(WAIT).until(silent::isClosedByPeer);
        }
    }

    /**
     * Over real sockets, with timeouts no load reaches: both ends measure the round trip.
     * That heartbeats keep an idle link up past several timeouts is
     * {@link HeartbeatTests}' job, in virtual time.
     */
    @Test
    void heartbeatsMeasureTheRoundTripAtBothEnds() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        ClusterNode memberB = connect(a, b.address());

        await().atMost(WAIT).until(() -> a.transport().roundTripTime(memberB).isPresent());
        assertThat(a.transport().roundTripTime(memberB).get()).isPositive().isLessThan(Duration.ofSeconds(1));
        await().atMost(WAIT)
            .until(() -> !b.transport().members().isEmpty()
                    && b.transport().roundTripTime(b.transport().members().iterator().next()).isPresent());
        assertThat(a.listener().events()).hasSize(1);
    }

    @RepeatedTest(5)
    void simultaneousDialsResolveToOneLinkOnEachSide() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");

        CompletableFuture<ClusterNode> aToB = a.transport().connect(b.address()).toCompletableFuture();
        CompletableFuture<ClusterNode> bToA = b.transport().connect(a.address()).toCompletableFuture();

        assertThat(aToB.get(5, TimeUnit.SECONDS).isSameIncarnation(b.self())).isTrue();
        assertThat(bToA.get(5, TimeUnit.SECONDS).isSameIncarnation(a.self())).isTrue();
        await().atMost(WAIT).until(() -> a.transport().openLinks() == 1 && b.transport().openLinks() == 1);
        assertThat(a.listener().joined()).hasSize(1);
        assertThat(b.listener().joined()).hasSize(1);
        ClusterNode bAtA = a.transport().members().iterator().next();
        ClusterNode aAtB = b.transport().members().iterator().next();
        assertThat(bAtA.isSameIncarnation(b.self())).isTrue();
        assertThat(aAtB.isSameIncarnation(a.self())).isTrue();
        assertThat(Set.of(bAtA.direction(), aAtB.direction())).containsExactlyInAnyOrder(ClusterNode.Direction.INBOUND,
                ClusterNode.Direction.OUTBOUND);
        assertThat(a.listener().members()).containsExactly(bAtA);
        assertThat(b.listener().members()).containsExactly(aAtB);
        assertThat(a.listener().events()).noneMatch(event -> event.type().equals("down"));
        assertThat(b.listener().events()).noneMatch(event -> event.type().equals("down"));
    }

    @Test
    void newIncarnationReplacesTheOldOne() throws Exception {
        TestTransports.Node a = transports.start("a");
        ClusterNode first = rawIdentity("restarted", 10);
        ClusterNode second = rawIdentity("restarted", 11);
        try (RawPeer old = RawPeer.connect(a.address()); RawPeer restarted = RawPeer.connect(a.address())) {
            old.handshake(first, TestCookies.SHARED);
            await().atMost(WAIT).until(() -> a.listener().members().size() == 1);

            restarted.handshake(second, TestCookies.SHARED);

            await().atMost(WAIT).until(() -> a.listener().joined().size() == 2);
            assertThat(a.listener().events()).extracting(RecordingTransportListener.Event::type)
                .containsExactly("up", "down", "up");
            assertThat(a.listener().leaveReason(first)).contains(LeaveReason.CONNECTION_LOST);
            assertThat(a.transport().members()).singleElement()
                .satisfies(member -> assertThat(member.isSameIncarnation(second)).isTrue());
            await().atMost(WAIT).until(old::isClosedByPeer);
        }
    }

    @Test
    void randomBytesCloseThatConnectionWhileMembersStayUp() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        connect(a, b.address());
        byte[] garbage = new byte[256];
        new SecureRandom().nextBytes(garbage);
        garbage[0] = 0x7F;
        try (RawPeer noise = RawPeer.connect(a.address())) {
            noise.sendRaw(garbage);
            await().atMost(WAIT).until(noise::isClosedByPeer);
        }
        assertThat(a.transport().members()).hasSize(1);
        assertThat(a.listener().events()).extracting(RecordingTransportListener.Event::type).containsExactly("up");
    }

    @Test
    void oversizeFrameHeaderClosesTheConnectionAtOnce() throws Exception {
        TestTransports.Node a = transports.start("a");
        try (RawPeer noise = RawPeer.connect(a.address())) {
            noise.sendRaw(new byte[] { (byte) 0x80, 0, 0, 0, MessageCodec.HANDSHAKE });
            await().atMost(Duration.ofSeconds(1)).until(noise::isClosedByPeer);
        }
    }

    @Test
    void disconnectIsSeenAsDisconnectedOnBothSides() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        ClusterNode memberB = connect(a, b.address());
        await().atMost(WAIT).until(() -> b.listener().members().size() == 1);

        a.transport().disconnect(memberB).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(a.listener().leaveReason(memberB)).contains(LeaveReason.DISCONNECTED);
        assertThat(a.transport().members()).isEmpty();
        await().atMost(WAIT).until(() -> !b.listener().leaveReasons(a.self().id()).isEmpty());
        assertThat(b.listener().leaveReasons(a.self().id())).containsExactly(LeaveReason.DISCONNECTED);
    }

    @Test
    void stopReportsEveryMemberAsStoppedLocally() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        TestTransports.Node c = transports.start("c");
        connect(a, b.address());
        connect(a, c.address());

        a.transport().stop();

        assertThat(a.listener().events()).filteredOn(event -> event.type().equals("down"))
            .extracting(RecordingTransportListener.Event::reason)
            .containsExactly(LeaveReason.STOPPED, LeaveReason.STOPPED);
        a.listener().assertEveryJoinLeftOnce();
        assertThat(a.transport().members()).isEmpty();
    }

    /**
     * Fails if stop waits for a peer that never closes its end (no linger bound), or
     * closes the link before the goodbye had its linger (the goodbye could be lost to a
     * reset).
     */
    @Test
    void stopReturnsAfterTheGoodbyeLingersWhenThePeerIgnoresIt() throws Exception {
        TestTransports.Node a = transports.start("a");
        ClusterNode raw = rawIdentity("deaf", 3);
        try (RawPeer deaf = RawPeer.connect(a.address())) {
            deaf.handshake(raw, TestCookies.SHARED);
            await().atMost(WAIT).until(() -> a.listener().members().size() == 1);

            long start = System.nanoTime();
            a.transport().stop();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(4));
            assertThat(deaf.receive(Message.Goodbye.class).reason()).isEqualTo(Message.Goodbye.Reason.SHUTDOWN);
            assertThat(a.listener().leaveReason(raw)).contains(LeaveReason.STOPPED);
        }
    }

    @Test
    void stopFailsConnectsStillInTheHandshake() throws Exception {
        TestTransports.Node a = transports.start("a");
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<ClusterNode> pending = a.transport()
                .connect(NodeAddress.of("127.0.0.1", mute.getLocalPort()))
                .toCompletableFuture();
            await().atMost(WAIT).until(() -> a.transport().openLinks() == 1);
            assertThat(pending).isNotDone();

            a.transport().stop();

            assertThat(pending).isCompletedExceptionally();
        }
        assertThat(a.listener().events()).isEmpty();
    }

    @Test
    void aNewMemberHearsTheWholeListAndTheOthersOnlyWhoLeft() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        TestTransports.Node c = transports.start("c");
        connect(a, b.address());
        await().atMost(WAIT).until(() -> !b.listener().members().isEmpty());
        ClusterNode aSeenByB = b.listener().members().iterator().next();

        ClusterNode memberC = connect(a, c.address());
        await().atMost(WAIT).until(() -> !c.listener().members().isEmpty());
        ClusterNode aSeenByC = c.listener().members().iterator().next();
        await().atMost(WAIT).until(() -> !c.listener().announcementsBy(aSeenByC).isEmpty());
        assertThat(c.listener().announcementsBy(aSeenByC))
            .containsExactly(new RecordingTransportListener.Announcement(Set.of(b.address()), Set.of()));

        a.transport().disconnect(memberC).toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !b.listener().announcementsBy(aSeenByB).isEmpty());
        assertThat(b.listener().announcementsBy(aSeenByB)).as("b hears only that c left, not that it joined")
            .containsExactly(new RecordingTransportListener.Announcement(Set.of(), Set.of(c.address())));
    }

    @Test
    void withoutConnectAllNoMembersAreAnnounced() throws Exception {
        TestTransports.Node a = transports.start("a", settings -> settings.withConnectAll(false));
        TestTransports.Node b = transports.start("b", settings -> settings.withConnectAll(false));
        TestTransports.Node c = transports.start("c", settings -> settings.withConnectAll(false));
        connect(a, b.address());
        connect(a, c.address());
        connect(b, c.address());

        await().during(Duration.ofMillis(500))
            .atMost(WAIT)
            .until(() -> List.of(a, b, c)
                .stream()
                .flatMap(node -> node.listener().events().stream())
                .noneMatch(event -> event.type().equals("members")));
    }

    private static ClusterNode rawIdentity(String name, long incarnation) {
        return new ClusterNode(new NodeAddress(name, "127.0.0.1", 1), incarnation, Instant.now(),
                ClusterNode.Direction.LOCAL);
    }

}
