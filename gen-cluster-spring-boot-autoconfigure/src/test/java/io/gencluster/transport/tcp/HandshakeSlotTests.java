package io.gencluster.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.NodeAddress;

/**
 * Bounds that must hold back only what they are for: handshakes in progress, and one
 * frame's addresses.
 */
class HandshakeSlotTests {

    private final TestTransports transports = new TestTransports();

    @AfterEach
    void stop() {
        transports.close();
    }

    /**
     * Fails if an authenticated link keeps its handshake slot: with two slots per
     * address, the third peer on this host could then never link, although no handshake
     * is in progress.
     */
    @Test
    void anAuthenticatedLinkFreesItsHandshakeSlot() throws Exception {
        TestTransports.Node hub = transports.start("hub", settings -> settings.withUnauthenticatedLimits(8, 2));
        List<TestTransports.Node> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestTransports.Node peer = transports.start("peer" + i);
            peer.transport().connect(hub.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            peers.add(peer);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.transport().members().size() == peers.size());
        assertThat(hub.transport().refusedConnections()).isZero();
    }

    /**
     * Fails if the encoder counts the two lists apart (or subtracts them): the bound is
     * on both together.
     */
    @Test
    void theEncoderBoundsJoinedAndLeftTogether() {
        List<NodeAddress> joined = addresses(1000);
        List<NodeAddress> left = addresses(25);
        ByteBuf out = Unpooled.buffer();
        assertThatExceptionOfType(EncoderException.class)
            .isThrownBy(() -> MessageCodec.write(new Message.Members(joined, left), out))
            .withMessageContaining("1025 addresses");
        MessageCodec.write(new Message.Members(joined, addresses(24)), Unpooled.buffer());
    }

    private static List<NodeAddress> addresses(int count) {
        List<NodeAddress> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(NodeAddress.of("10.0." + (i / 250) + "." + (i % 250 + 1), 4370));
        }
        return addresses;
    }

}
