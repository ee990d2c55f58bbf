package io.gencluster.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What {@link TcpTransport#stop} settles before it returns, on real loopback sockets,
 * when something it waits for never comes: a connect whose host is still being resolved,
 * and a member whose link's event loop is stuck.
 */
class TcpTransportStopTests {

    private final TestTransports transports = new TestTransports();

    /** Completed by the test: what a stuck resolver or listener waits for. */
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @AfterEach
    void close() {
        release.complete(null);
        transports.close();
    }

    /**
     * Fails if a stopped transport, or one whose start failed to bind, still holds the
     * JVM's shared event loops: they would never shut down after the last transport.
     */
    @Test
    void neitherAStoppedTransportNorOneThatFailedToBindHoldsTheEventLoops() throws Exception {
        int before = SharedEventLoops.JVM.users();
        TestTransports.Node node = transports.start("a");
        assertThat(SharedEventLoops.JVM.users()).isEqualTo(before + 1);
        TcpTransport clash = new TcpTransport(
                TestTransports.settings("b").withBind("127.0.0.1", node.address().port()));

        assertThatThrownBy(() -> clash.start(new RecordingTransportListener()))
            .isInstanceOf(TransportBindException.class);
        assertThat(SharedEventLoops.JVM.users()).isEqualTo(before + 1);

        node.transport().stop();
        assertThat(SharedEventLoops.JVM.users()).isEqualTo(before);
    }

    /**
     * Fails if the stop leaves open a connection still in its handshake: while other
     * transports keep the JVM's event loops running, only its handshake deadline (a
     * minute here) would close it.
     */
    @Test
    void theStopClosesAConnectionStillInItsHandshake() throws Exception {
        transports.start("keeps-the-loops-running");
        TestTransports.Node node = transports.start("a",
                settings -> settings.withHandshakeTimeout(Duration.ofSeconds(60)));
        try (RawPeer peer = RawPeer.connect(node.address())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> node.transport().openLinks() == 1);

            node.transport().stop();

            await().atMost(Duration.ofSeconds(5)).until(peer::isClosedByPeer);
        }
    }

    /**
     * Fails if a connect still resolving its host is left pending when the stop returns
     * (the pending dials failed in {@link TcpTransport#stop}): its caller would wait for
     * ever, since the resolver's answer finds the event loops gone.
     */
    @Test
    void aConnectStillResolvingItsHostFailsBeforeTheStopReturns() throws Exception {
        CountDownLatch resolving = new CountDownLatch(1);
        TestTransports.Node node = transports.start("a", settings -> settings.withHostResolver(host -> {
            resolving.countDown();
            // Uninterruptible: the stop's interrupt of the resolver threads does not end
            // it.
            release.join();
            return List.of(InetAddress.getLoopbackAddress());
        }));
        CompletableFuture<ClusterNode> connecting = node.transport()
            .connect(new NodeAddress("b", "peer.test", 4370))
            .toCompletableFuture();
        assertThat(resolving.await(10, TimeUnit.SECONDS)).as("resolving").isTrue();

        node.transport().stop();

        assertThat(connecting).isCompletedExceptionally();
        assertThatThrownBy(connecting::join).hasRootCauseInstanceOf(IOException.class)
            .hasRootCauseMessage("The transport stopped");
    }

    /**
     * Fails if the stop leaves a host resolution under way running (the
     * {@code PeerDialler.stop} in {@link TcpTransport#stop} removed): a slow lookup would
     * hold its resolver thread, and the dial it feeds, past the stop.
     */
    @Test
    void aHostStillBeingResolvedIsInterruptedByTheStop() throws Exception {
        CountDownLatch resolving = new CountDownLatch(1);
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        TestTransports.Node node = transports.start("a", settings -> settings.withHostResolver(host -> {
            resolving.countDown();
            try {
                release.get();
            }
            catch (InterruptedException ex) {
                interrupted.complete(null);
            }
            catch (ExecutionException ex) {
                throw new IllegalStateException(ex);
            }
            throw new UnknownHostException(host);
        }));
        node.transport().connect(new NodeAddress("b", "peer.test", 4370));
        assertThat(resolving.await(10, TimeUnit.SECONDS)).as("resolving").isTrue();

        node.transport().stop();

        assertThat(interrupted).succeedsWithin(Duration.ofSeconds(10));
    }

    /**
     * Fails if a member whose link never reports its close, its event loop held by a
     * listener that does not return, is not reported down as {@code STOPPED} when the
     * stop returns (the {@code finishStop()} at the end of {@link TcpTransport#stop}):
     * the caller would keep a member of a stopped transport.
     */
    @Test
    void aMemberWhoseEventLoopIsStuckIsReportedDownAsStoppedWhenTheStopReturns() throws Exception {
        TestTransports.Node peer = transports.start("b");
        StuckListener listener = new StuckListener();
        TcpTransport transport = new TcpTransport(TestTransports.settings("a"));
        transport.start(listener);
        try {
            ClusterNode member = transport.connect(peer.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(listener.stuck.await(10, TimeUnit.SECONDS)).as("event loop stuck in the listener").isTrue();

            transport.stop();

            assertThat(listener.leaveReason(member)).contains(LeaveReason.STOPPED);
        }
        finally {
            release.complete(null);
            transport.stop();
        }
        listener.assertEveryJoinLeftOnce();
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.listener().members().isEmpty());
    }

    /**
     * Holds the event loop that reports the first heartbeat round trip until the test
     * releases it; outside any lock of the transport or of the recording.
     */
    private final class StuckListener extends RecordingTransportListener {

        private final CountDownLatch stuck = new CountDownLatch(1);

        @Override
        public void heartbeatRoundTrip(ClusterNode node, Duration roundTrip) {
            if (stuck.getCount() > 0) {
                stuck.countDown();
                release.join();
            }
            super.heartbeatRoundTrip(node, roundTrip);
        }

    }

}
