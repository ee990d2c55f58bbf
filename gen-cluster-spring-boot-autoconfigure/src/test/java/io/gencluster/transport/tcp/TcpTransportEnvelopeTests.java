package io.gencluster.transport.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.testsupport.TestCookies;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.EnvelopeNotSentException;
import io.gencluster.transport.TransportListener;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Envelopes over real links: delivered on live links, refused at once past the bounds.
 */
class TcpTransportEnvelopeTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final int HIGH_WATER_MARK = TcpTransportSettings.MIN_OUTBOUND_HIGH_WATER_MARK;

    private final List<TcpTransport> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(TcpTransport::stop);
    }

    @Test
    void deliversAnEnvelopeToThePeerAsFromTheSender() throws Exception {
        Receiving a = start("a", new Receiving());
        Receiving b = start("b", new Receiving());
        ClusterNode memberB = connect(a, b);
        Envelope envelope = new Envelope(Envelope.Kind.REQUEST, 9, "greetings", Map.of("k", "v"), new byte[] { 1, 2 });

        a.transport.send(memberB, envelope).toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> !b.received.isEmpty());
        assertThat(b.received).containsExactly(envelope);
        assertThat(b.senders).singleElement()
            .satisfies(sender -> assertThat(sender.isSameIncarnation(a.transport.self())).isTrue());
    }

    @Test
    void refusesANodeThatIsNotAMember() throws Exception {
        Receiving a = start("a", new Receiving());
        Receiving b = start("b", new Receiving());

        assertThat(failure(a.transport, b.transport.self(), envelope(10)))
            .isEqualTo(EnvelopeNotSentException.Reason.NOT_A_MEMBER);
    }

    @Test
    void refusesAnEnvelopeLargerThanTheMaximumFrameBeforeWritingAnything() throws Exception {
        Receiving a = start("a", new Receiving());
        Receiving b = start("b", new Receiving());
        ClusterNode memberB = connect(a, b);

        assertThat(failure(a.transport, memberB, envelope(TcpTransportSettings.DEFAULT_MAX_FRAME_SIZE)))
            .isEqualTo(EnvelopeNotSentException.Reason.TOO_LARGE);
        a.transport.send(memberB, envelope(10)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> b.received.size() == 1);
        assertThat(b.received.get(0).payload()).hasSize(10);
        assertThat(a.transport.members()).contains(memberB);
    }

    /**
     * Fails if an envelope of exactly the maximum frame size is refused, or one byte more
     * is written.
     */
    @Test
    void sendsAnEnvelopeOfExactlyTheMaximumFrameSizeAndRefusesOneByteMore() throws Exception {
        Receiving a = start("a", new Receiving());
        Receiving b = start("b", new Receiving());
        ClusterNode memberB = connect(a, b);
        Envelope largest = envelope(TcpTransportSettings.DEFAULT_MAX_FRAME_SIZE - EnvelopeCodec.frameSize(envelope(0)));
        assertThat(EnvelopeCodec.frameSize(largest)).isEqualTo(TcpTransportSettings.DEFAULT_MAX_FRAME_SIZE);

        assertThat(failure(a.transport, memberB, envelope(largest.payload().length + 1)))
            .isEqualTo(EnvelopeNotSentException.Reason.TOO_LARGE);
        a.transport.send(memberB, largest).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> b.received.size() == 1);
        assertThat(b.received.get(0).payload()).hasSize(largest.payload().length);
    }

    /**
     * Fails if envelopes sent from another thread do not count against the high-water
     * mark until the event loop encodes them (an unknown message counted as a few bytes):
     * a burst while the loop is busy would then queue without bound.
     */
    @Test
    void envelopesQueuedWhileTheEventLoopIsBusyCountAgainstTheHighWaterMark() throws Exception {
        Receiving a = start("a", new Receiving());
        Receiving b = start("b", new Receiving());
        ClusterNode memberB = connect(a, b);
        Envelope quarter = envelope(HIGH_WATER_MARK / 4);
        CountDownLatch busy = new CountDownLatch(1);
        EventLoopGroup loops = SharedEventLoops.JVM.acquire();
        int accepted = 0;
        try {
            loops.forEach(loop -> loop.execute(() -> awaitQuietly(busy)));
            while (accepted < 20
                    && !a.transport.send(memberB, quarter).toCompletableFuture().isCompletedExceptionally()) {
                accepted++;
            }
        }
        finally {
            busy.countDown();
            SharedEventLoops.JVM.release(loops);
        }
        int queued = accepted;
        assertThat(queued).isBetween(3, 5);
        await().atMost(WAIT).until(() -> b.received.size() == queued);
    }

    /**
     * Fails if a send to a peer that reads nothing queues without bound instead of
     * failing as {@code OUTBOUND_FULL}, or if {@code pendingOutboundBytes} (what this
     * test sees the bound by) shows no bytes waiting once the kernel's buffers are full
     * (its result replaced with 0, or its test for a started transport negated).
     */
    @Test
    void failsAtOnceWithOutboundFullWhileThePeerReadsNothingAndKeepsTheBufferBounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Receiving a = start("a", new Receiving());
        Receiving b = start("b", new Receiving() {
            @Override
            public void envelopeReceived(ClusterNode node, Envelope envelope) {
                super.envelopeReceived(node, envelope);
                // A listener that breaks the contract and blocks the event loop: the link
                // stops reading, the way a frozen peer's does.
                awaitQuietly(release);
            }
        });
        ClusterNode memberB = connect(a, b);
        Envelope large = envelope(60_000);
        EnvelopeNotSentException.Reason reason = null;
        try {
            for (int i = 0; i < 20_000 && reason == null; i++) {
                CompletableFuture<Void> sent = a.transport.send(memberB, large).toCompletableFuture();
                if (sent.isCompletedExceptionally()) {
                    reason = reasonOf(sent);
                }
                assertThat(a.transport.pendingOutboundBytes(memberB))
                    .isLessThanOrEqualTo(HIGH_WATER_MARK + 2L * EnvelopeCodec.frameSize(large));
            }
            // The kernel's buffers take some bytes yet; once they are full, bytes wait.
            await().atMost(WAIT).until(() -> {
                a.transport.send(memberB, large);
                return a.transport.pendingOutboundBytes(memberB) > 0;
            });
        }
        finally {
            release.countDown();
        }
        assertThat(reason).isEqualTo(EnvelopeNotSentException.Reason.OUTBOUND_FULL);
        await().atMost(WAIT).until(() -> a.transport.pendingOutboundBytes(memberB) == 0);
        assertThat(a.transport.send(memberB, envelope(1)).toCompletableFuture()).as("sending again once drained")
            .succeedsWithin(WAIT);
        assertThat(a.transport.members()).contains(memberB);
    }

    @Test
    void aLinkFloodedWithEnvelopesStaysUpOnShortHeartbeats() throws Exception {
        AtomicLong delivered = new AtomicLong();
        Receiving a = start("a", new Receiving(), Duration.ofMillis(100), Duration.ofSeconds(2),
                TcpTransportSettings.DEFAULT_OUTBOUND_HIGH_WATER_MARK);
        Receiving b = start("b", new Receiving() {
            @Override
            public void envelopeReceived(ClusterNode node, Envelope envelope) {
                delivered.incrementAndGet();
            }
        }, Duration.ofMillis(100), Duration.ofSeconds(2), TcpTransportSettings.DEFAULT_OUTBOUND_HIGH_WATER_MARK);
        ClusterNode memberB = connect(a, b);
        Envelope envelope = envelope(1024);
        int written = 0;
        CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        while (written < 20_000) {
            CompletableFuture<Void> sent = a.transport.send(memberB, envelope).toCompletableFuture();
            if (sent.isCompletedExceptionally()) {
                // OUTBOUND_FULL: this loop writes faster than the link; once the last
                // accepted envelope is written there is room again.
                last.get(10, TimeUnit.SECONDS);
            }
            else {
                last = sent;
                written++;
            }
        }
        int total = written;
        await().atMost(WAIT).until(() -> delivered.get() == total);
        assertThat(a.leaveReason(memberB)).isEmpty();
        assertThat(b.members()).extracting(ClusterNode::id).containsExactly(a.transport.self().id());
    }

    @Test
    void anEnvelopeBeforeTheHandshakeEndsTheConnectionAndIsNeverDelivered() throws Exception {
        Receiving b = start("b", new Receiving());
        try (RawPeer raw = RawPeer.connect(b.transport.self().address())) {
            raw.send(new Message.EnvelopeFrame(envelope(10)));
            await().atMost(WAIT).until(raw::isClosedByPeer);
        }
        assertThat(b.received).isEmpty();
    }

    @Test
    void aMalformedEnvelopeFromAnAuthenticatedPeerClosesItsLinkAndIsNeverDelivered() throws Exception {
        Receiving b = start("b", new Receiving());
        ClusterNode identity = new ClusterNode(new NodeAddress("raw", "127.0.0.1", 1), 7, Instant.now(),
                ClusterNode.Direction.OUTBOUND);
        try (RawPeer raw = RawPeer.connect(b.transport.self().address())) {
            raw.handshake(identity, TestCookies.SHARED);
            await().atMost(WAIT).until(() -> b.members().size() == 1);
            // Type, kind, correlation id, then a topic length of 200 with 1 byte behind
            // it.
            raw.sendFrame(new byte[] { MessageCodec.ENVELOPE, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 200, 't' });
            await().atMost(WAIT).until(raw::isClosedByPeer);
        }
        await().atMost(WAIT).until(() -> b.leaveReason(identity).isPresent());
        assertThat(b.leaveReason(identity)).contains(LeaveReason.CONNECTION_LOST);
        assertThat(b.received).isEmpty();
    }

    private <T extends TransportListener> T start(String name, T listener) throws Exception {
        return start(name, listener, Duration.ofMillis(200), Duration.ofSeconds(3), HIGH_WATER_MARK);
    }

    private <T extends TransportListener> T start(String name, T listener, Duration heartbeatInterval,
            Duration heartbeatTimeout, int highWaterMark) throws Exception {
        TcpTransport transport = new TcpTransport(TestTransports.settings(name)
            .withHeartbeat(heartbeatInterval, heartbeatTimeout)
            .withOutboundHighWaterMark(highWaterMark));
        transport.start(listener);
        started.add(transport);
        if (listener instanceof Receiving receiving) {
            receiving.transport = transport;
        }
        return listener;
    }

    /** Links {@code from} to {@code to}; the member {@code to} is at {@code from}. */
    private static ClusterNode connect(Receiving from, Receiving to) throws Exception {
        return from.transport.connect(to.transport.self().address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Envelope envelope(int payloadBytes) {
        return new Envelope(Envelope.Kind.ONE_WAY, 0, "topic", Map.of(), new byte[payloadBytes]);
    }

    private static EnvelopeNotSentException.Reason failure(TcpTransport transport, ClusterNode to, Envelope envelope) {
        CompletableFuture<Void> sent = transport.send(to, envelope).toCompletableFuture();
        assertThat(sent).isCompletedExceptionally();
        return reasonOf(sent);
    }

    private static EnvelopeNotSentException.Reason reasonOf(CompletableFuture<Void> sent) {
        try {
            sent.join();
            return fail("sent");
        }
        catch (RuntimeException ex) {
            assertThat(ex.getCause()).isInstanceOf(EnvelopeNotSentException.class);
            return ((EnvelopeNotSentException) ex.getCause()).reason();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records the envelopes a transport delivers. */
    static class Receiving extends RecordingTransportListener {

        final List<Envelope> received = new CopyOnWriteArrayList<>();

        final List<ClusterNode> senders = new CopyOnWriteArrayList<>();

        volatile TcpTransport transport;

        @Override
        public void envelopeReceived(ClusterNode node, Envelope envelope) {
            senders.add(node);
            received.add(envelope);
        }

    }

}
