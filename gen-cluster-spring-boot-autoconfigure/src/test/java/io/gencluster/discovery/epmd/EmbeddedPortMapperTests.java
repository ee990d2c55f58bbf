package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedPortMapperTests {

    /** The default bound on live registrations. */
    private static final int MAX_REGISTRATIONS = EmbeddedPortMapper.DEFAULT_MAX_REGISTRATIONS;

    private final EpmdClient client = new EpmdClient(Duration.ofSeconds(2));

    private EmbeddedPortMapper mapper;

    private InetSocketAddress address;

    @BeforeEach
    void startPortMapper() throws Exception {
        mapper = EmbeddedPortMapper.start(0, MAX_REGISTRATIONS);
        address = new InetSocketAddress("127.0.0.1", mapper.port());
    }

    @AfterEach
    void stopPortMapper() {
        mapper.close();
    }

    @Test
    void registeredNodesAreListedAndDescribed() throws Exception {
        NodeEntry orders = NodeEntry.genCluster("orders", 4370);
        NodeEntry erlang = new NodeEntry("x", 40561, NodeEntry.NODE_TYPE_NORMAL, 0, 6, 5, new byte[0]);
        try (Registration first = client.register(address, orders);
                Registration second = client.register(address, erlang)) {
            NamesReply names = client.names(address);

            assertThat(names.portMapperPort()).isEqualTo(mapper.port());
            assertThat(names.nodes()).containsExactlyInAnyOrder(new NamesReply.Registered("orders", 4370),
                    new NamesReply.Registered("x", 40561));
            assertThat(client.portPlease2(address, "orders")).contains(orders);
            assertThat(client.portPlease2(address, "x")).contains(erlang);
            assertThat(client.portPlease2(address, "nobody")).isEmpty();
            assertThat(first.creation()).isBetween(1L, 0xFFFF_FFFFL);
        }
    }

    @Test
    void aNodeSpeakingOnlyVersion5GetsASmallCreation() throws Exception {
        NodeEntry old = new NodeEntry("old", 4370, NodeEntry.NODE_TYPE_NORMAL, 0, 5, 5, new byte[0]);
        try (Registration registration = client.register(address, old)) {
            assertThat(registration.creation()).isBetween(1L, 3L);
        }
    }

    @Test
    void aNameThatIsRegisteredIsRefused() throws Exception {
        try (Registration first = client.register(address, NodeEntry.genCluster("orders", 4370))) {
            assertThatThrownBy(() -> client.register(address, NodeEntry.genCluster("orders", 4371)))
                .isInstanceOf(NodeNameTakenException.class)
                .hasMessageContaining(
                        "node name 'orders' is already registered with the port mapper on 127.0.0.1:" + mapper.port());
        }
    }

    @Test
    void closingTheRegistrationConnectionUnregistersAndFreesTheName() throws Exception {
        client.register(address, NodeEntry.genCluster("orders", 4370)).close();

        await().atMost(Duration.ofSeconds(5)).until(() -> client.names(address).nodes().isEmpty());
        client.register(address, NodeEntry.genCluster("orders", 4371)).close();
    }

    @Test
    void aMalformedRequestClosesTheConnectionWithoutAnswer() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(new byte[] { 0, 3, 120, 0, 1 });
            InputStream in = socket.getInputStream();

            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(mapper.names()).isEmpty();
    }

    @Test
    void anOversizedRequestClosesTheConnection() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(new byte[] { (byte) 0xFF, (byte) 0xFF, 120 });

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void registrationsPastTheBoundAreRefusedWithAnAlive2Error() throws Exception {
        List<Registration> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_REGISTRATIONS; i++) {
                held.add(client.register(address, NodeEntry.genCluster("node" + i, 5000 + i)));
            }
            for (int i = 0; i < 20; i++) {
                NodeEntry flood = NodeEntry.genCluster("flood" + i, 6000 + i);
                assertThatThrownBy(() -> client.register(address, flood)).isInstanceOf(IOException.class);
            }

            assertThat(mapper.names()).hasSize(MAX_REGISTRATIONS).noneMatch(name -> name.startsWith("flood"));
            assertThat(mapper.refusedRegistrations()).isEqualTo(20);
            held.remove(0).close();
            await().atMost(Duration.ofSeconds(5)).until(() -> mapper.names().size() < MAX_REGISTRATIONS);
            client.register(address, NodeEntry.genCluster("after", 7000)).close();
        }
        finally {
            for (Registration registration : held) {
                registration.close();
            }
        }
    }

    @Test
    void aSecondRegistrationOnOneConnectionClosesItAndKeepsOnlyTheFirst() throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(new EpmdRequest.Alive2(NodeEntry.genCluster("first", 4370)).encode());
            InputStream in = socket.getInputStream();
            assertThat(Alive2Reply.read(new ReplyReader(in, "port mapper")).registered()).isTrue();

            socket.getOutputStream().write(new EpmdRequest.Alive2(NodeEntry.genCluster("second", 4371)).encode());

            assertThat(in.read()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> mapper.names().isEmpty());
    }

    @Test
    void aSecondPortMapperOnTheSamePortLosesTheBind() {
        assertThatThrownBy(() -> EmbeddedPortMapper.start(mapper.port(), MAX_REGISTRATIONS))
            .isInstanceOf(BindException.class);
    }

    @Test
    void closingThePortMapperEndsEveryRegistration() throws Exception {
        Registration registration = client.register(address, NodeEntry.genCluster("orders", 4370));
        CompletableFuture<String> ended = CompletableFuture.supplyAsync(registration::awaitEnd);

        mapper.close();

        assertThat(ended.get(5, TimeUnit.SECONDS)).isEqualTo("the port mapper closed the connection");
    }

}
