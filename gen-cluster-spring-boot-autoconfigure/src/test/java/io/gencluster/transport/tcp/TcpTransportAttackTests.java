package io.gencluster.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.gencluster.transport.tcp.TcpTransportHandshakeTests.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a party without the cookie can do with its place on the network: relay two nodes
 * to each other, sit between two linked nodes and tamper with their frames, replay what
 * it saw, or flood a node with connections that never authenticate. None of it may make a
 * member, and a tampered link must end.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpTransportAttackTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestTransports transports = new TestTransports();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        transports.close();
    }

    @Test
    void aRelayBetweenTwoNodesMakesNoMemberAndBothCloseItAtTheDeadline() throws Exception {
        TestTransports.Node a = transports.start("a",
                settings -> settings.withHandshakeTimeout(Duration.ofMillis(700)));
        TestTransports.Node b = transports.start("b",
                settings -> settings.withHandshakeTimeout(Duration.ofMillis(700)));
        Socket toA = dial(a.address());
        Socket toB = dial(b.address());
        AtomicBoolean aClosed = splice(toA, toB);
        AtomicBoolean bClosed = splice(toB, toA);

        await().during(Duration.ofMillis(1500))
            .atMost(WAIT)
            .until(() -> a.listener().events().isEmpty() && b.listener().events().isEmpty());
        await().atMost(Duration.ofSeconds(2)).until(() -> aClosed.get() && bClosed.get());
        assertThat(a.transport().members()).isEmpty();
        assertThat(b.transport().members()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Tampering.class)
    void aTamperedFrameEndsTheLinkAndIsNeverActedOn(Tampering tampering) throws Exception {
        TestTransports.Node a = transports.start("a", settings -> settings.withConnectAll(false));
        TestTransports.Node b = transports.start("b");
        FrameProxy proxy = FrameProxy.to(b.address());
        resources.add(proxy);
        ClusterNode memberB = connect(a, proxy.address());
        await().atMost(WAIT).until(() -> b.listener().members().size() == 1);
        ClusterNode memberA = b.listener().members().iterator().next();
        int handshakeFrames = proxy.clientFrames().size();
        await().atMost(WAIT).until(() -> proxy.clientFrames().size() >= handshakeFrames + 2);

        tampering.apply(proxy);

        await().atMost(WAIT)
            .until(() -> a.listener().leaveReason(memberB).isPresent()
                    && b.listener().leaveReason(memberA).isPresent());
        assertThat(a.listener().leaveReason(memberB)).contains(LeaveReason.CONNECTION_LOST);
        assertThat(b.listener().leaveReason(memberA)).contains(LeaveReason.CONNECTION_LOST);
        assertThat(b.listener().events()).extracting(RecordingTransportListener.Event::type)
            .as("announcements acted on")
            .doesNotContain("members");
    }

    @Test
    void aReplayedFirstHandshakeFrameNeverMakesAMember() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b",
                settings -> settings.withHandshakeTimeout(Duration.ofMillis(700)));
        FrameProxy proxy = FrameProxy.to(b.address());
        resources.add(proxy);
        connect(a, proxy.address());
        await().atMost(WAIT).until(() -> b.listener().members().size() == 1);
        byte[] firstFrame = proxy.clientFrames().get(0);

        try (RawPeer replay = RawPeer.connect(b.address())) {
            replay.sendRaw(firstFrame);
            await().atMost(Duration.ofSeconds(3)).until(replay::isClosedByPeer);
        }

        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> b.listener().events().size() == 1);
        assertThat(b.transport().members()).hasSize(1);
    }

    @Test
    void aBareConnectionGetsNothingAndIsClosedAtTheDeadline() throws Exception {
        TestTransports.Node a = transports.start("a",
                settings -> settings.withHandshakeTimeout(Duration.ofMillis(500)));
        try (Socket silent = dial(a.address())) {
            silent.setSoTimeout(3000);
            long start = System.nanoTime();
            int first = silent.getInputStream().read();
            assertThat(first).as("first byte from the node").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
        assertThat(a.listener().events()).isEmpty();
    }

    @Test
    void aFirstFrameHeaderOfOneMebibyteIsRefusedAtOnce() throws Exception {
        TestTransports.Node a = transports.start("a", settings -> settings.withHandshakeTimeout(Duration.ofSeconds(5)));
        try (RawPeer big = RawPeer.connect(a.address())) {
            big.sendRaw(ByteBuffer.allocate(5).putInt(1024 * 1024).put((byte) 1).array());
            await().atMost(Duration.ofSeconds(1)).until(big::isClosedByPeer);
        }
        assertThat(a.listener().events()).isEmpty();
    }

    @Test
    void aFloodOfHalfOpenConnectionsHoldsAtMostThePerAddressBoundAndAPeerStillJoins(CapturedOutput output)
            throws Exception {
        TestTransports.Node a = transports.start("a", settings -> settings.withHandshakeTimeout(Duration.ofSeconds(4)));
        TestTransports.Node b = transports.start("b");
        List<Socket> flood = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", a.address().port()), 2000);
            flood.add(socket);
            resources.add(socket);
        }

        await().atMost(Duration.ofSeconds(3)).until(() -> closedByPeer(flood) >= 600 - 16);
        ClusterNode memberA = connect(b, a.address());
        assertThat(memberA.isSameIncarnation(a.self())).isTrue();
        assertThat(a.transport().refusedConnections()).isGreaterThanOrEqualTo(600 - 16);
        assertThat(output.getOut().lines().filter(line -> line.contains("WARN"))).hasSizeLessThanOrEqualTo(3);
    }

    /** Ways to tamper with an authenticated link from the middle. */
    enum Tampering {

        INJECT_PLAINTEXT_MEMBERS {
            @Override
            void apply(FrameProxy proxy) throws IOException {
                ByteBuf body = Unpooled.buffer();
                MessageCodec.write(new Message.Members(List.of(new NodeAddress("evil", "10.6.6.6", 4370)), List.of()),
                        body);
                proxy.inject(FrameProxy.frame(ByteBufUtil.getBytes(body)));
            }
        },
        INJECT_RANDOM_FRAME {
            @Override
            void apply(FrameProxy proxy) throws IOException {
                byte[] body = new byte[64];
                new SecureRandom().nextBytes(body);
                proxy.inject(FrameProxy.frame(body));
            }
        },
        REPLAY_A_FRAME {
            @Override
            void apply(FrameProxy proxy) throws IOException {
                List<byte[]> frames = proxy.clientFrames();
                proxy.inject(frames.get(frames.size() - 1));
            }
        },
        SWAP_TWO_FRAMES {
            @Override
            void apply(FrameProxy proxy) {
                proxy.swapNextTwo();
            }
        };

        abstract void apply(FrameProxy proxy) throws IOException;

    }

    private Socket dial(NodeAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address.host(), address.port()), 2000);
        resources.add(socket);
        return socket;
    }

    /**
     * Copies what {@code from} receives to {@code to}; the flag turns true when
     * {@code from}'s peer closes.
     */
    private static AtomicBoolean splice(Socket from, Socket to) {
        AtomicBoolean closed = new AtomicBoolean();
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int read; (read = in.read(buffer)) >= 0;) {
                    to.getOutputStream().write(buffer, 0, read);
                }
            }
            catch (IOException ex) {
                // A reset counts as a close.
            }
            closed.set(true);
        }, "relay");
        pump.setDaemon(true);
        pump.start();
        return closed;
    }

    private static long closedByPeer(List<Socket> sockets) {
        return sockets.stream().filter(TcpTransportAttackTests::isClosedByPeer).count();
    }

    private static boolean isClosedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() < 0;
        }
        catch (java.net.SocketTimeoutException ex) {
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

}
