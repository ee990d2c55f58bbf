package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.testsupport.TestCookies;

/**
 * Starts transports on 127.0.0.1 with random ports and stops them after a test, checking
 * that each listener saw every join matched by exactly one leave.
 */
final class TestTransports implements AutoCloseable {

    /** A started transport and what its listener saw. */
    record Node(TcpTransport transport, RecordingTransportListener listener) {

        ClusterNode self() {
            return transport.self();
        }

        NodeAddress address() {
            return transport.self().address();
        }
    }

    private final List<Node> nodes = new ArrayList<>();

    /** Settings for a loopback node with quick heartbeats. */
    static TcpTransportSettings settings(String name) {
        return TcpTransportSettings.defaults(name, TestCookies.SHARED)
            .withBind("127.0.0.1", 0)
            .withHandshakeTimeout(Duration.ofSeconds(2))
            .withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    Node start(String name) throws Exception {
        return start(name, UnaryOperator.identity());
    }

    Node start(String name, UnaryOperator<TcpTransportSettings> customizer) throws Exception {
        TcpTransport transport = new TcpTransport(customizer.apply(settings(name)));
        RecordingTransportListener listener = new RecordingTransportListener();
        transport.start(listener);
        Node node = new Node(transport, listener);
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        nodes.forEach(node -> node.transport().stop());
        nodes.forEach(node -> node.listener().assertEveryJoinLeftOnce());
    }

}
