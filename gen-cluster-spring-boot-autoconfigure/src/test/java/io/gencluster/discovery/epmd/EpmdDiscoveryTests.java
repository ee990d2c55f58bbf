package io.gencluster.discovery.epmd;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EpmdDiscoveryTests {

    private static final Logger log = LoggerFactory.getLogger(EpmdDiscoveryTests.class);

    private static final String HOST = "app.internal";

    private final List<EpmdDiscovery> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(EpmdDiscovery::stop);
    }

    @Test
    void nodesDiscoverEachOtherThroughTheEmbeddedPortMapperAndTakeItOverWhenItsNodeDies() throws Exception {
        int port = EpmdClientTests.freePort();
        EpmdDiscovery a = start(port, "a", 41001);
        EpmdDiscovery b = start(port, "b", 41002);
        EpmdDiscovery c = start(port, "c", 41003);
        Set<NodeAddress> all = Set.of(address("a", 41001), address("b", 41002), address("c", 41003));

        assertThat(Stream.of(a, b, c).filter(EpmdDiscovery::runsEmbeddedPortMapper)).containsExactly(a);
        for (EpmdDiscovery node : List.of(a, b, c)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> discoverOrEmpty(node), all::equals);
        }

        long died = System.nanoTime();
        a.stop();
        Set<NodeAddress> survivors = Set.of(address("b", 41002), address("c", 41003));
        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(2))
            .until(() -> discoverOrEmpty(b), survivors::equals);
        Duration takeover = Duration.ofNanos(System.nanoTime() - died);
        log.info("Port mapper takeover: both survivors listed again {} ms after the mapper's node died",
                takeover.toMillis());

        assertThat(Stream.of(b, c).filter(EpmdDiscovery::runsEmbeddedPortMapper)).hasSize(1);
        assertThat(takeover).isLessThan(Duration.ofSeconds(5));
        EpmdDiscovery d = start(port, "d", 41004);
        assertThat(d.runsEmbeddedPortMapper()).isFalse();
        await().atMost(Duration.ofSeconds(5))
            .until(() -> discoverOrEmpty(d),
                    Set.of(address("b", 41002), address("c", 41003), address("d", 41004))::equals);
    }

    @Test
    void aSecondNodeWithTheSameNameFailsToStart() throws Exception {
        int port = EpmdClientTests.freePort();
        start(port, "orders", 41001);
        EpmdDiscovery twin = new EpmdDiscovery(List.of("localhost"), port, true, Duration.ofSeconds(2));

        assertThatThrownBy(() -> twin.start(node("orders", 41002))).isInstanceOf(NodeNameTakenException.class)
            .hasMessage("node name 'orders' is already registered with the port mapper on 127.0.0.1:" + port
                    + ": give each node its own name");
        assertThat(twin.runsEmbeddedPortMapper()).isFalse();
    }

    @Test
    void stopUnregistersTheNode() throws Exception {
        int port = EpmdClientTests.freePort();
        EpmdDiscovery keeper = start(port, "keeper", 41001);
        EpmdDiscovery leaver = start(port, "leaver", 41002);

        leaver.stop();

        await().atMost(Duration.ofSeconds(5))
            .until(() -> discoverOrEmpty(keeper), Set.of(address("keeper", 41001))::equals);
    }

    @Test
    void withoutAPortMapperAndWithoutEmbeddedStartFailsWithTheFix() throws Exception {
        int port = EpmdClientTests.freePort();
        EpmdDiscovery lonely = new EpmdDiscovery(List.of("localhost"), port, false, Duration.ofMillis(300));

        assertThatThrownBy(() -> lonely.start(node("lonely", 41001))).isInstanceOf(ConnectException.class)
            .hasMessageStartingWith("no port mapper answers at 127.0.0.1:" + port)
            .hasMessageEndingWith(": start epmd on this host (epmd -daemon) or turn on the embedded port mapper");
    }

    @Test
    void anUnreachableHostFailsDiscoveryNamingTheHostPortAndProperty() throws Exception {
        int port = EpmdClientTests.freePort();
        EpmdDiscovery node = new EpmdDiscovery(List.of("localhost", "127.0.0.2"), port, true, Duration.ofSeconds(2));
        node.start(node("a", 41001));
        started.add(node);

        assertThatThrownBy(node::discover).hasMessageStartingWith("no port mapper answers at 127.0.0.2:" + port)
            .hasMessageEndingWith(
                    "(port mapper host '127.0.0.2'; is a port mapper running there on port " + port + "?)");
    }

    @Test
    void anotherHostIsAskedAtItsAddressAndItsNodesCarryThatHost() throws Exception {
        NodeEntry peer = NodeEntry.genCluster("peer", 42000);
        NodeEntry erlang = new NodeEntry("x", 42001, NodeEntry.NODE_TYPE_NORMAL, 0, 6, 5, new byte[0]);
        try (ServerSocket otherHost = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            servePortMapper(otherHost, Map.of("peer", peer, "x", erlang));
            EpmdDiscovery node = new EpmdDiscovery(List.of("localhost", "127.0.0.2"), otherHost.getLocalPort(), true,
                    Duration.ofSeconds(2));
            node.start(node("self", 41001));
            started.add(node);

            assertThat(node.discover()).containsExactlyInAnyOrder(address("self", 41001),
                    new NodeAddress("peer", "127.0.0.2", 42000));
            assertThat(node.describe()).isEqualTo("epmd [localhost, 127.0.0.2] port " + otherHost.getLocalPort()
                    + " (running the embedded port mapper)");
        }
    }

    @Test
    void discoverBeforeStartIsAnError() {
        EpmdDiscovery node = new EpmdDiscovery(List.of("localhost"), 4369, true, Duration.ofSeconds(1));

        assertThatThrownBy(node::discover).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("before start()");
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        Duration timeout = Duration.ofSeconds(5);

        assertThatThrownBy(() -> new EpmdDiscovery(List.of(), 4369, true, timeout))
            .hasMessage("No port mapper hosts: list at least one host, such as localhost");
        assertThatThrownBy(() -> new EpmdDiscovery(List.of("db:4369"), 4369, true, timeout))
            .hasMessage("Invalid port mapper host 'db:4369': give a host name or IP address only; "
                    + "every port mapper listens on the one port given");
        assertThatThrownBy(() -> new EpmdDiscovery(List.of("a b"), 4369, true, timeout))
            .hasMessageStartingWith("Invalid port mapper host 'a b': ");
        assertThatThrownBy(() -> new EpmdDiscovery(List.of("localhost"), 0, true, timeout))
            .hasMessage("Invalid port mapper port 0: a port is a number from 1 to 65535 (epmd's default is 4369)");
        assertThatThrownBy(() -> new EpmdDiscovery(List.of("localhost"), 4369, true, Duration.ZERO))
            .hasMessage("Invalid port mapper lookup timeout PT0S: it must be a positive duration such as 5s");
    }

    @Test
    void describeNamesTheHostsPortAndWhetherThisNodeRunsThePortMapper() throws Exception {
        int port = EpmdClientTests.freePort();
        EpmdDiscovery node = start(port, "a", 41001);

        assertThat(node.describe()).isEqualTo("epmd [localhost] port " + port + " (running the embedded port mapper)");
    }

    private EpmdDiscovery start(int port, String name, int transportPort) throws Exception {
        EpmdDiscovery discovery = new EpmdDiscovery(List.of("localhost"), port, true, Duration.ofSeconds(2));
        discovery.start(node(name, transportPort));
        started.add(discovery);
        return discovery;
    }

    static ClusterNode node(String name, int port) {
        return new ClusterNode(new NodeAddress(name, HOST, port), ThreadLocalRandom.current().nextLong(), Instant.now(),
                ClusterNode.Direction.LOCAL);
    }

    private static NodeAddress address(String name, int port) {
        return new NodeAddress(name, HOST, port);
    }

    /**
     * Answers NAMES and PORT_PLEASE2 from a fixed table, one request per connection, as
     * epmd does.
     */
    private static void servePortMapper(ServerSocket server, Map<String, NodeEntry> table) {
        Thread serving = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    DataInputStream in = new DataInputStream(connection.getInputStream());
                    byte[] body = in.readNBytes(in.readUnsignedShort());
                    EpmdRequest request = EpmdRequest.decode(body);
                    byte[] reply = request instanceof EpmdRequest.PortPlease2 portPlease2
                            ? new Port2Reply(table.get(portPlease2.name())).encode()
                            : new NamesReply(server.getLocalPort(),
                                    table.values()
                                        .stream()
                                        .map(e -> new NamesReply.Registered(e.name(), e.port()))
                                        .toList())
                                .encode();
                    connection.getOutputStream().write(reply);
                }
                catch (IOException ex) {
                    // the test closed the server, or a client went away
                }
            }
        }, "fake-remote-port-mapper");
        serving.setDaemon(true);
        serving.start();
    }

    private static Set<NodeAddress> discoverOrEmpty(EpmdDiscovery discovery) {
        try {
            return discovery.discover();
        }
        catch (Exception ex) {
            return Set.of();
        }
    }

}
