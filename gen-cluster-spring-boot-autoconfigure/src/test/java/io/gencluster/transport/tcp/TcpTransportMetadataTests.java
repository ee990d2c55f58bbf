package io.gencluster.transport.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.NodeMetadata;
import io.gencluster.testsupport.TestCookies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.gencluster.transport.tcp.TcpTransportHandshakeTests.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class TcpTransportMetadataTests {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private static final ClusterNode RAW = new ClusterNode(new NodeAddress("raw", "127.0.0.1", 1), 1, Instant.now(),
            ClusterNode.Direction.LOCAL);

    private final TestTransports transports = new TestTransports();

    @AfterEach
    void stop() {
        transports.close();
    }

    @Test
    void bothSidesLearnEachOthersMetadataInTheHandshake() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        a.transport().updateMetadata(Map.of("web-port", "8081", "zone", "eu-1"));
        b.transport().updateMetadata(Map.of("web-port", "8082"));

        ClusterNode member = connect(a, b.address());

        assertThat(member.metadata()).containsExactly(Map.entry("web-port", "8082"));
        assertThat(a.self().metadata()).containsEntry("zone", "eu-1");
        await().atMost(DEADLINE).until(() -> b.listener().members().size() == 1);
        assertThat(b.listener().members()).singleElement()
            .satisfies(node -> assertThat(node.metadata()).isEqualTo(Map.of("web-port", "8081", "zone", "eu-1")));
    }

    /**
     * Fails if metadata set before the start is not what the first handshakes send (the
     * registry not given it at start): peers would see no metadata until the next change.
     */
    @Test
    void metadataSetBeforeTheStartTravelsInTheFirstHandshakes() throws Exception {
        TestTransports.Node b = transports.start("b");
        TcpTransport a = new TcpTransport(TestTransports.settings("a"));
        a.updateMetadata(Map.of("zone", "eu-1"));
        a.start(new RecordingTransportListener());
        try {
            a.connect(b.address()).toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(a.self().metadata()).isEqualTo(Map.of("zone", "eu-1"));
            await().atMost(DEADLINE).until(() -> b.listener().members().size() == 1);
            assertThat(b.listener().members()).singleElement()
                .satisfies(node -> assertThat(node.metadata()).isEqualTo(Map.of("zone", "eu-1")));
        }
        finally {
            a.stop();
        }
    }

    @Test
    void aChangeReachesMembersOverTheLiveLinkOncePerChange() throws Exception {
        TestTransports.Node a = transports.start("a");
        TestTransports.Node b = transports.start("b");
        connect(a, b.address());
        await().atMost(DEADLINE).until(() -> b.listener().members().size() == 1);

        a.transport().updateMetadata(Map.of("zone", "eu-2"));
        a.transport().updateMetadata(Map.of("zone", "eu-2"));

        await().atMost(DEADLINE).until(() -> metadataEvents(b) == 1);
        assertThat(b.transport().members()).singleElement()
            .satisfies(node -> assertThat(node.metadata()).isEqualTo(Map.of("zone", "eu-2")));
        assertThat(b.listener().joined()).hasSize(1);
        a.transport().updateMetadata(Map.of("zone", "eu-3"));
        await().atMost(DEADLINE).until(() -> metadataEvents(b) == 2);
        assertThat(b.listener().events()).filteredOn(event -> event.type().equals("metadata"))
            .last()
            .satisfies(event -> assertThat(event.node().metadata()).isEqualTo(Map.of("zone", "eu-3")));
        assertThat(b.listener().events()).noneMatch(event -> event.type().equals("down"));
    }

    @Test
    void refusesMetadataPastTheBoundsBeforeStarting() throws Exception {
        TcpTransport transport = new TcpTransport(TestTransports.settings("a"));
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i <= NodeMetadata.MAX_ENTRIES; i++) {
            many.put("key-" + i, "value");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> transport.updateMetadata(many))
            .withMessageContaining("65 entries; at most 64");
        assertThatIllegalArgumentException().isThrownBy(() -> transport.updateMetadata(Map.of("big", "x".repeat(4096))))
            .withMessageContaining("at most 4096");
        assertThatIllegalArgumentException().isThrownBy(() -> transport.updateMetadata(Map.of("bell", "\u0007")))
            .withMessageContaining("control characters");
    }

    @Test
    void refusesTheLinkOfAPeerWhoseMetadataIsPastTheBounds() throws Exception {
        TestTransports.Node a = transports.start("a");
        try (RawPeer raw = RawPeer.connect(a.address())) {
            raw.confirm(RAW, TestCookies.SHARED);
            ByteBuf frame = Unpooled.buffer()
                .writeByte(MessageCodec.METADATA)
                .writeLong(0)
                .writeShort(NodeMetadata.MAX_ENTRIES + 1);
            for (int i = 0; i <= NodeMetadata.MAX_ENTRIES; i++) {
                MessageCodec.writeString(frame, "key-" + i);
                MessageCodec.writeString(frame, "value");
            }
            raw.sendFrame(ByteBufUtil.getBytes(frame));
            await().atMost(DEADLINE).until(raw::isClosedByPeer);
        }
        assertThat(a.listener().events()).isEmpty();
    }

    private static long metadataEvents(TestTransports.Node node) {
        return node.listener().events().stream().filter(event -> event.type().equals("metadata")).count();
    }

}
