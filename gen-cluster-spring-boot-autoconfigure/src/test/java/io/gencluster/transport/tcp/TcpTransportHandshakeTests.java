package io.gencluster.transport.tcp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.HostResolver;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;
import io.gencluster.testsupport.TestCookies;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class TcpTransportHandshakeTests {

    private final TestTransports transports = new TestTransports();

    @AfterEach
    void stop() {
        transports.close();
    }

    @Test
    void linksNodesWithTheSameCookieAndBothSidesSeeThePeerUp() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");

        ClusterNode member = connect(a, b.address());

        assertThat(member.isSameIncarnation(b.self())).isTrue();
        assertThat(member.direction()).isEqualTo(ClusterNode.Direction.OUTBOUND);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.listener().members().size() == 1);
        ClusterNode seenByB = b.listener().members().iterator().next();
        assertThat(seenByB.isSameIncarnation(a.self())).isTrue();
        assertThat(seenByB.direction()).isEqualTo(ClusterNode.Direction.INBOUND);
        assertThat(a.transport().members()).containsExactly(member);
        assertThat(a.listener().joined()).containsExactly(member);
    }

    /**
     * Fails if the start's log line says {@code (TLS)} for a transport without TLS (its
     * test negated): an operator would believe the links encrypted twice over.
     */
    @Test
    void theStartLineSaysTlsOnlyWhenTlsIsOn(CapturedOutput output) throws Exception {
        TestTransports.Node a = transports.start("a");

        assertThat(output.getOut().lines().filter(line -> line.contains("transport listening on")))
            .singleElement(InstanceOfAssertFactories.STRING)
            .contains(a.self().toString())
            .doesNotContain("(TLS)");
    }

    @Test
    void callsTheListenerOnTransportThreads() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        connect(a, b.address());
        await().atMost(Duration.ofSeconds(5)).until(() -> b.listener().members().size() == 1);
        assertThat(a.listener().events()).isNotEmpty()
            .allSatisfy(event -> assertThat(event.thread()).startsWith("gen-cluster-transport"));
    }

    @Test
    void connectingToAMemberAgainCompletesWithThatMember() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        ClusterNode first = connect(a, b.address());

        assertThat(connect(a, NodeAddress.of("127.0.0.1", b.address().port()))).isEqualTo(first);
        assertThat(connect(a, b.address().withoutName())).isEqualTo(first);
        assertThat(a.listener().joined()).hasSize(1);
    }

    @Test
    void diallingAMemberUnderAnotherHostNameKeepsOneLink() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        ClusterNode first = connect(a, b.address());

        assertThat(connect(a, NodeAddress.of("localhost", b.address().port()))).isEqualTo(first);

        await().atMost(Duration.ofSeconds(5))
            .until(() -> a.transport().openLinks() == 1 && b.transport().openLinks() == 1);
        assertThat(a.transport().members()).containsExactly(first);
        assertThat(a.listener().joined()).hasSize(1);
        assertThat(b.listener().joined()).hasSize(1);
    }

    @Test
    void refusesWrongCookieOnBothSides(CapturedOutput output) throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b",
                settings -> new TcpTransportSettings(settings.nodeName(), settings.bindAddress(), settings.port(),
                        settings.advertiseHost(), "another-cluster-cookie", settings.connectTimeout(),
                        settings.handshakeTimeout(), settings.heartbeatInterval(), settings.heartbeatTimeout(),
                        settings.connectAll(), settings.maxFrameSize(), settings.hostResolver(), null, null));

        assertThat(rejection(a, b.address())).isEqualTo(Reason.AUTHENTICATION_FAILED);

        await().atMost(Duration.ofSeconds(5))
            .until(() -> countOccurrences(output.getOut(),
                    "cookie mismatch or not a gen-cluster node: every node needs the same cookie") >= 2);
        assertThat(output.getOut()
            .lines()
            .filter(line -> line.contains(" WARN ")
                    && line.contains("Peer /127.0.0.1:" + b.address().port() + " refused the link: cookie mismatch")))
            .hasSize(1);
        assertThat(a.listener().events()).isEmpty();
        assertThat(b.listener().events()).isEmpty();
        assertThat(b.transport().members()).isEmpty();
    }

    @Test
    void closesAConnectionThatStopsAfterTheFirstMessageAndNeverMakesAMember() throws Exception {
        TestTransports.Node a = transports.start("a",
                settings -> settings.withHandshakeTimeout(Duration.ofMillis(300)));
        try (RawPeer halfway = RawPeer.connect(a.address())) {
            halfway.sendFirstMessage(RAW, TestCookies.SHARED);
            assertThat(halfway.receive()).isInstanceOf(Message.Handshake.class);
            await().atMost(Duration.ofSeconds(3)).until(halfway::isClosedByPeer);
        }
        assertThat(a.listener().events()).isEmpty();
    }

    @Test
    void answersAFirstMessageWithTheWrongCookieWithARejectAndNoSecondMessage() throws Exception {
        TestTransports.Node a = transports.start("a");
        try (RawPeer stranger = RawPeer.connect(a.address())) {
            stranger.sendFirstMessage(RAW, "another-cookie");
            assertThat(stranger.receive())
                .isEqualTo(new Message.Reject(Reason.AUTHENTICATION_FAILED, AcceptingHandshakeHandler.COOKIE_MISMATCH));
            await().atMost(Duration.ofSeconds(3)).until(stranger::isClosedByPeer);
        }
        assertThat(a.listener().events()).isEmpty();
    }

    @Test
    void linksARawPeerThatCompletesTheHandshakeAndLearnsWhoTheAcceptorIs() throws Exception {
        TestTransports.Node a = transports.start("a");
        try (RawPeer raw = RawPeer.connect(a.address())) {
            ClusterNode acceptor = raw.handshake(RAW, TestCookies.SHARED);
            assertThat(acceptor.isSameIncarnation(a.self())).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> a.listener().members().size() == 1);
            assertThat(a.listener().members()).singleElement()
                .satisfies(member -> assertThat(member.isSameIncarnation(RAW)).isTrue());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> a.listener().leaveReason(RAW).isPresent());
    }

    @Test
    void refusesAPeerSpeakingAnotherProtocolVersion(CapturedOutput output) throws Exception {
        TestTransports.Node a = transports.start("a");
        try (RawPeer future = RawPeer.connect(a.address())) {
            future.send(new Message.Handshake(MessageCodec.PROTOCOL_VERSION + 1, new byte[48]));
            Message.Reject reject = future.receive(Message.Reject.class);
            assertThat(reject.reason()).isEqualTo(Reason.PROTOCOL_VERSION);
            await().atMost(Duration.ofSeconds(3)).until(future::isClosedByPeer);
        }
        assertThat(output.getOut()).contains("the peer speaks protocol version " + (MessageCodec.PROTOCOL_VERSION + 1)
                + ", this node speaks " + MessageCodec.PROTOCOL_VERSION);
        assertThat(a.listener().events()).isEmpty();
    }

    @Test
    void connectFailsWithProtocolVersionWhenThePeerSpeaksAnotherVersion() throws Exception {
        TestTransports.Node a = transports.start("a");
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Message> first = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept(); RawPeer future = RawPeer.of(socket)) {
                    Message received = future.receive();
                    future.send(new Message.Reject(Reason.PROTOCOL_VERSION, "the peer speaks protocol version 3, "
                            + "this node speaks 4: run the same gen-cluster version on every node"));
                    future.isClosedByPeer();
                    return received;
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            assertThat(rejection(a, NodeAddress.of("127.0.0.1", server.getLocalPort())))
                .isEqualTo(Reason.PROTOCOL_VERSION);
            assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(Message.Handshake.class,
                    handshake -> assertThat(handshake.version()).isEqualTo(MessageCodec.PROTOCOL_VERSION));
        }
    }

    @Test
    void dropsAConnectionToItself() throws Exception {
        TestTransports.Node a = transports.start("a");
        assertThat(rejection(a, a.address())).isEqualTo(Reason.SELF_CONNECTION);
        assertThat(a.listener().events()).isEmpty();
        assertThat(a.transport().members()).isEmpty();
    }

    @Test
    void resolvesHostsWithTheConfiguredResolverOffTheEventLoops() throws Exception {
        List<String> resolvedOn = new CopyOnWriteArrayList<>();
        HostResolver resolver = host -> {
            resolvedOn.add(host + " on " + Thread.currentThread().getName());
            if (!host.equals("node-b.cluster.test")) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getLoopbackAddress());
        };
        TestTransports.Node a = transports.start("a", settings -> settings.withHostResolver(resolver));
        TestTransports.Node b = transports.start("b");

        ClusterNode member = connect(a, NodeAddress.of("node-b.cluster.test", b.address().port()));

        assertThat(member.isSameIncarnation(b.self())).isTrue();
        assertThat(resolvedOn).singleElement().asString().startsWith("node-b.cluster.test on gen-cluster-resolver");
        assertThatExceptionOfType(ExecutionException.class)
            .isThrownBy(() -> connect(a, NodeAddress.of("unknown.cluster.test", 1)))
            .withCauseInstanceOf(UnknownHostException.class);
    }

    @Test
    void failsWithTheConnectExceptionWhenNothingListens() throws Exception {
        TestTransports.Node a = transports.start("a");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatExceptionOfType(ExecutionException.class)
            .isThrownBy(() -> a.transport()
                .connect(NodeAddress.of("127.0.0.1", closedPort))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS))
            .withCauseInstanceOf(ConnectException.class);
    }

    @Test
    void failsToStartOnATakenPortNamingTheAddressAndThePort() throws Exception {
        TestTransports.Node a = transports.start("a");
        int taken = a.address().port();
        TcpTransport second = new TcpTransport(TestTransports.settings("b").withBind("127.0.0.1", taken));
        assertThatExceptionOfType(TransportBindException.class)
            .isThrownBy(() -> second.start(new RecordingTransportListener()))
            .withMessage("Cannot listen on 127.0.0.1:" + taken + ": port " + taken
                    + " is already in use (or the address is not local)")
            .satisfies(failure -> assertThat(failure.isAddressInUse()).isTrue())
            .satisfies(failure -> assertThat(failure.port()).isEqualTo(taken));
    }

    @Test
    void defaultPortIsTheBoundPortWhenConfiguredAsZero() throws Exception {
        TestTransports.Node a = transports.start("a");
        assertThat(a.transport().defaultPort()).isEqualTo(a.address().port()).isPositive();
        assertThat(a.self().address().host()).isEqualTo("127.0.0.1");
        assertThat(a.self().direction()).isEqualTo(ClusterNode.Direction.LOCAL);
    }

    private static final ClusterNode RAW = new ClusterNode(new NodeAddress("raw", "127.0.0.1", 1), 1,
            java.time.Instant.now(), ClusterNode.Direction.LOCAL);

    static ClusterNode connect(TestTransports.Node from, NodeAddress to) throws Exception {
        return from.transport().connect(to).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static Reason rejection(TestTransports.Node from, NodeAddress to) {
        try {
            ClusterNode node = connect(from, to);
            throw new AssertionError("expected a rejection, got " + node);
        }
        catch (ExecutionException ex) {
            assertThat(ex.getCause()).isInstanceOf(PeerRejectedException.class);
            return ((PeerRejectedException) ex.getCause()).getReason();
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

}
