package io.gencluster.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.NodeAddress;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;

/**
 * What the pipeline of a new link bounds before the handshake: the accepted connections
 * that hold a handshake slot, and the time TLS may take.
 */
class LinkInitializerTests {

    private final TestTransports transports = new TestTransports();

    @AfterEach
    void stop() {
        transports.close();
    }

    /**
     * Fails if a connection that closes before it authenticates keeps its handshake slot:
     * with one slot, no peer could then ever link to the node again.
     */
    @Test
    void aConnectionClosedBeforeItAuthenticatesFreesItsHandshakeSlot() throws Exception {
        TestTransports.Node hub = transports.start("hub", settings -> settings.withUnauthenticatedLimits(1, 1));
        TestTransports.Node peer = transports.start("peer");
        RawPeer.connect(hub.address()).close();

        await().atMost(Duration.ofSeconds(10))
            .ignoreExceptions()
            .until(() -> peer.transport()
                .connect(hub.address())
                .toCompletableFuture()
                .get(2, TimeUnit.SECONDS) != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.transport().members().size() == 1);
    }

    /**
     * Fails if TLS may take longer than the handshake timeout (Netty's own is 10
     * seconds), or a peer that never answers TLS is not reported as a TLS failure.
     */
    @Test
    void aPeerThatNeverAnswersTlsFailsTheDialAsTlsAtTheHandshakeTimeout() throws Exception {
        SslContext tls = SslContextBuilder.forClient().build();
        TestTransports.Node node = transports.start("a",
                settings -> settings.withTls(null, tls).withHandshakeTimeout(Duration.ofMillis(500)));
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NodeAddress address = NodeAddress.of("127.0.0.1", silent.getLocalPort());

            assertThatExceptionOfType(ExecutionException.class)
                .isThrownBy(() -> node.transport().connect(address).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .havingCause()
                .isInstanceOfSatisfying(PeerRejectedException.class,
                        rejected -> assertThat(rejected.getReason()).isEqualTo(Reason.TLS_FAILED))
                .withMessageContaining("handshake timed out after 500ms");
        }
    }

}
