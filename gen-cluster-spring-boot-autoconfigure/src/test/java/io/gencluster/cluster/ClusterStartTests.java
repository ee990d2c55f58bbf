package io.gencluster.cluster;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * How a node starts on real sockets: what it advertises when told nothing, and what a
 * failed start leaves behind.
 */
class ClusterStartTests {

    private final List<TestNode> nodes = new ArrayList<>();

    @AfterEach
    void stopAll() {
        nodes.forEach(TestNode::close);
    }

    /**
     * Fails if a start that fails after the transport opened its port leaves the port
     * bound.
     */
    @Test
    void aStrategyThatFailsToStartFailsTheStartAndFreesThePort() throws IOException {
        int port = freePort();
        DiscoveryStrategy failing = new DiscoveryStrategy() {
            @Override
            public Set<NodeAddress> discover() {
                return Set.of();
            }

            @Override
            public void start(ClusterNode self) throws IOException {
                throw new IOException("port mapper unreachable");
            }
        };

        assertThatIllegalStateException().isThrownBy(() -> TestNode.named("a").port(port).start(failing))
            .withMessageContaining("port mapper unreachable");

        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    /**
     * Fails if a node bound to every interface without an advertise host advertises
     * something else than this machine's first site-local IPv4 address (or its local host
     * address when it has none), or cannot be joined there.
     */
    @Test
    void boundToEveryInterfaceItAdvertisesThisMachinesAddressAndIsJoinedThere() throws IOException {
        SharedSeeds seeds = new SharedSeeds();
        TestNode anywhere = track(TestNode.named("anywhere").bind("0.0.0.0", null).start(seeds));
        String expected = firstSiteLocalAddress().orElse(InetAddress.getLocalHost().getHostAddress());
        assertThat(anywhere.self().address().host()).isEqualTo(expected);

        SharedSeeds joinAnywhere = new SharedSeeds();
        joinAnywhere.add(anywhere.self().address());
        TestNode joining = track(TestNode.named("joining").start(joinAnywhere));

        await().atMost(Duration.ofSeconds(15))
            .until(() -> joining.memberIds().equals(List.of(anywhere.self().id()))
                    && anywhere.memberIds().equals(List.of(joining.self().id())));
    }

    private TestNode track(TestNode node) {
        nodes.add(node);
        return node;
    }

    private static Optional<String> firstSiteLocalAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                        return Optional.of(address.getHostAddress());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
