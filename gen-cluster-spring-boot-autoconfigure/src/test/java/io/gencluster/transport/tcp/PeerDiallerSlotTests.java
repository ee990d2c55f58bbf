package io.gencluster.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.PeerRejectedException.Reason;
import io.gencluster.transport.tcp.noise.Psk;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dialler with one {@link DialSlots} slot against silent listeners on loopback: a dial
 * waits while another is in its handshake, and what ends that handshake frees the slot.
 */
class PeerDiallerSlotTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Longer than any test waits: no dial here ends by its deadline. */
    private final TcpTransportSettings settings = TestTransports.settings("a")
        .withHandshakeTimeout(Duration.ofSeconds(60));

    private final EventLoopGroup loops = SharedEventLoops.JVM.acquire();

    private final LinkRegistry registry = new LinkRegistry(new RecordingTransportListener(), true, loops.next());

    private final DialSlots slots = new DialSlots(1);

    private final ClusterNode self = new ClusterNode(new NodeAddress("a", "127.0.0.1", 1), 1, Instant.now(),
            ClusterNode.Direction.LOCAL);

    private final PeerDialler dialler = new PeerDialler(settings, loops, () -> self, Psk.fromCookie(settings.cookie()),
            registry, slots);

    private final SilentListener first = new SilentListener();

    private final SilentListener second = new SilentListener();

    PeerDiallerSlotTests() throws IOException {
    }

    @AfterEach
    void stop() throws IOException {
        dialler.stop();
        registry.beginStop().forEach(link -> link.channel.close());
        first.close();
        second.close();
        SharedEventLoops.JVM.release(loops);
    }

    /**
     * Fails if the second dial connects while the first holds the only slot, or if the
     * first one's failure (the peer closed during the handshake) does not free it.
     */
    @Test
    void aDialWaitsWhileAnotherIsInItsHandshakeAndGoesWhenThatOneFails() throws IOException {
        CompletableFuture<ClusterNode> firstDial = dial(first);
        await().atMost(WAIT).until(() -> first.accepted.size() == 1);
        dial(second);
        await().atMost(WAIT).until(() -> slots.waiting() == 1);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> second.accepted.isEmpty());

        first.accepted.get(0).close();

        await().atMost(WAIT).until(() -> second.accepted.size() == 1);
        assertThat(firstDial).isCompletedExceptionally();
    }

    /**
     * Fails if a dial the peer refused as crossed keeps its slot while it waits for the
     * peer's own link: with 100 nodes forming in one JVM half the dials are crossed, and
     * slots held that way left the other dials waiting for seconds.
     */
    @Test
    void aDialRefusedAsCrossedFreesItsSlotWhileItWaitsForThePeer() throws IOException {
        CompletableFuture<ClusterNode> crossed = dial(first);
        await().atMost(WAIT).until(() -> first.accepted.size() == 1);
        RawPeer peer = RawPeer.of(first.accepted.get(0));
        peer.receive();
        dial(second);

        peer.send(new Message.Reject(Reason.DUPLICATE_LINK, "first#1"));

        await().atMost(WAIT).until(() -> second.accepted.size() == 1);
        assertThat(crossed).isNotDone();
    }

    /**
     * Fails if a dial that waited for its slot still dials a peer that linked to this
     * node meanwhile: the peer would refuse it as crossed, after a key pair made for
     * nothing (in a cluster forming at once, thousands of them).
     */
    @Test
    void aDialThatWaitedForItsSlotCompletesWithAPeerThatLinkedMeanwhile() throws Exception {
        CompletableFuture<ClusterNode> waited = secondDialWaitingBehindTheFirst();
        ClusterNode peer = new ClusterNode(new NodeAddress("b", "127.0.0.1", second.server.getLocalPort()), 7,
                Instant.now(), ClusterNode.Direction.INBOUND);
        EmbeddedChannel channel = new EmbeddedChannel();
        Link link = new Link(channel, ClusterNode.Direction.INBOUND, self, null);
        link.peer = peer;
        link.handshakeHash = new byte[32];
        registry.opened(link);
        registry.authenticated(link);

        first.accepted.get(0).close();

        assertThat(waited.get(WAIT.toSeconds(), TimeUnit.SECONDS).isSameIncarnation(peer)).isTrue();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> second.accepted.isEmpty());
        try (SilentListener third = new SilentListener()) {
            dial(third);
            await().atMost(WAIT)
                .alias("the dial completed with the member freed its slot")
                .until(() -> third.accepted.size() == 1);
        }
        channel.finishAndReleaseAll();
    }

    /**
     * Fails if a dial waiting for a slot outlives its stopped transport: it would wait
     * until some other transport of the JVM frees a slot, and dial for nobody.
     */
    @Test
    void aStoppedDiallerFailsItsDialsWaitingForASlot() throws Exception {
        CompletableFuture<ClusterNode> waiting = secondDialWaitingBehindTheFirst();

        dialler.stop();

        assertThat(waiting).isCompletedExceptionally();
        assertThat(slots.waiting()).isZero();
    }

    /**
     * Dials the first listener, which holds the only slot once connected, then the
     * second, which waits for it.
     */
    private CompletableFuture<ClusterNode> secondDialWaitingBehindTheFirst() {
        dial(first);
        await().atMost(WAIT).until(() -> first.accepted.size() == 1);
        CompletableFuture<ClusterNode> waiting = dial(second);
        await().atMost(WAIT).until(() -> slots.waiting() == 1);
        return waiting;
    }

    private CompletableFuture<ClusterNode> dial(SilentListener listener) {
        CompletableFuture<ClusterNode> connected = new CompletableFuture<>();
        dialler.dial(NodeAddress.of("127.0.0.1", listener.server.getLocalPort()), connected);
        return connected;
    }

    /** Accepts connections on loopback and says nothing. */
    private static final class SilentListener implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentListener() throws IOException {
            Thread acceptor = new Thread(this::accept, "silent-listener");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            }
            catch (IOException closed) {
                // The test is over.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }

    }

}
