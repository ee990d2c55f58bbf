package io.gencluster.transport.tcp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.HostResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.gencluster.transport.tcp.TcpTransportHandshakeTests.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * How a transport dials a host through its {@link HostResolver}, on real sockets on
 * loopback: what a failed resolution does, the next address after one that refuses, one
 * link for concurrent connects. Every address of 127.0.0.0/8 is loopback; the nodes
 * listen on 127.0.0.1 only, so the others refuse.
 */
class PeerDiallerTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String HOST = "node-b.cluster.test";

    private final TestTransports transports = new TestTransports();

    @AfterEach
    void stop() {
        transports.close();
    }

    /**
     * Fails if an empty resolution is dialled (an index out of bounds on a resolver
     * thread: the connect never ends).
     */
    @Test
    void aResolverThatFindsNothingFailsTheConnectWithUnknownHost() throws Exception {
        TestTransports.Node a = transports.start("a", settings -> settings.withHostResolver(host -> List.of()));

        assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> connect(a, NodeAddress.of(HOST, 4370)))
            .havingCause()
            .isInstanceOf(UnknownHostException.class)
            .withMessageContaining(HOST);
    }

    /**
     * Fails if a resolver's runtime failure escapes on the resolver thread and leaves the
     * connect pending.
     */
    @Test
    void aResolverThatThrowsFailsTheConnectWithItsFailure() throws Exception {
        IllegalStateException broken = new IllegalStateException("resolver broken");
        TestTransports.Node a = transports.start("a", settings -> settings.withHostResolver(host -> {
            throw broken;
        }));

        assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> connect(a, NodeAddress.of(HOST, 4370)))
            .havingCause()
            .isInstanceOf(IOException.class)
            .withMessageContaining(HOST)
            .havingCause()
            .isSameAs(broken);
        assertThat(a.transport().members()).isEmpty();
    }

    /** Fails if a refused address ends the connect while the host has more addresses. */
    @Test
    void theNextAddressIsTriedAfterOneThatRefuses() throws Exception {
        TestTransports.Node b = transports.start("b");
        TestTransports.Node a = transports.start("a",
                settings -> settings.withHostResolver(host -> List.of(loopback(2), loopback(1))));

        ClusterNode member = connect(a, NodeAddress.of(HOST, b.address().port()));

        assertThat(member.isSameIncarnation(b.self())).isTrue();
    }

    /**
     * Fails if the connect fails with the first address's failure, or tries addresses
     * past the last.
     */
    @Test
    void whenEveryAddressRefusesTheConnectFailsWithTheLastOnesFailure() throws Exception {
        TestTransports.Node b = transports.start("b");
        TestTransports.Node a = transports.start("a",
                settings -> settings.withHostResolver(host -> List.of(loopback(2), loopback(3))));

        assertThatExceptionOfType(ExecutionException.class)
            .isThrownBy(() -> connect(a, NodeAddress.of(HOST, b.address().port())))
            .havingCause()
            .isInstanceOf(ConnectException.class)
            .withMessageContaining("127.0.0.3");
    }

    /**
     * Fails if a second connect to an address being dialled dials again: the resolver is
     * held until both connects were made, and must be asked once, and one link must
     * result.
     */
    @Test
    void concurrentConnectsToOneAddressShareOneDial() throws Exception {
        TestTransports.Node b = transports.start("b");
        CountDownLatch bothAsked = new CountDownLatch(1);
        AtomicInteger resolutions = new AtomicInteger();
        TestTransports.Node a = transports.start("a", settings -> settings.withHostResolver(host -> {
            resolutions.incrementAndGet();
            await().atMost(WAIT).until(() -> bothAsked.getCount() == 0);
            return List.of(loopback(1));
        }));
        NodeAddress target = NodeAddress.of(HOST, b.address().port());

        CompletableFuture<ClusterNode> first = a.transport().connect(target).toCompletableFuture();
        CompletableFuture<ClusterNode> second = a.transport().connect(target).toCompletableFuture();
        bothAsked.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).isSameIncarnation(b.self())).isTrue();
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(first.get());
        assertThat(resolutions).hasValue(1);
        await().atMost(WAIT).until(() -> b.transport().openLinks() == 1 && a.transport().openLinks() == 1);
        assertThat(a.listener().joined()).hasSize(1);
        assertThat(b.listener().joined()).hasSize(1);
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) last });
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
