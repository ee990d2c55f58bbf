package io.gencluster.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.transport.TransportListener;

/**
 * Connections refused before their handshake (past the bound of unauthenticated
 * connections from one address) reach the transport listener, which is what counts them
 * in the {@code gen.cluster.limits} meter.
 */
class ConnectionRefusalTests {

    private final AtomicInteger refused = new AtomicInteger();

    private final List<Socket> sockets = new ArrayList<>();

    private TcpTransport transport;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        transport.stop();
    }

    /**
     * Fails if a refused connection is closed without telling the listener (no meter
     * would count it).
     */
    @Test
    void everyConnectionPastThePerAddressBoundIsReported() throws Exception {
        transport = new TcpTransport(TestTransports.settings("victim").withUnauthenticatedLimits(8, 2));
        transport.start(new TransportListener() {
            @Override
            public void peerUp(ClusterNode node) {
            }

            @Override
            public void peerDown(ClusterNode node, LeaveReason reason) {
            }

            @Override
            public void connectionRefused() {
                refused.incrementAndGet();
            }
        });
        for (int i = 0; i < 5; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", transport.self().address().port()), 2000);
            sockets.add(socket);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> refused.get() == 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> refused.get() == 3);
        assertThat(transport.refusedConnections()).isEqualTo(3);
    }

}
