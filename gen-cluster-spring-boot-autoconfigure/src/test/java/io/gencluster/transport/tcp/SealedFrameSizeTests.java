package io.gencluster.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame size bound on an authenticated link, where every frame is sealed: a message
 * of exactly the maximum frame size goes through, one byte more is refused by the
 * sender's codec and, sealed anyway, by the receiver's framing.
 */
class SealedFrameSizeTests {

    private static final int MAX_FRAME_SIZE = TcpTransportSettings.MIN_MAX_FRAME_SIZE;

    private final EmbeddedNodes nodes = new EmbeddedNodes(withMaxFrameSize(TestTransports.settings("unit")));

    private final Node a = nodes.node("a", 4370, 1);

    private final Node b = nodes.node("b", 4371, 2);

    private final Connection link = nodes.connect(a, b);

    @BeforeEach
    void linkUp() {
        link.settle();
    }

    @AfterEach
    void close() {
        nodes.close();
    }

    /**
     * Fails if the receiver's limit leaves out the seal's tag, or refuses a frame equal
     * to the limit ({@code >=} for {@code >}), or if the sender's codec does.
     */
    @Test
    void aMessageOfExactlyTheMaximumFrameSizeIsSentAndAccepted() {
        Message.Members largest = membersOfExactly(MAX_FRAME_SIZE);

        assertThat(link.diallerLink().send(largest).isSuccess()).isTrue();
        link.settle();

        assertThat(link.accepting().isOpen()).isTrue();
        assertThat(b.listener().announcedBy(b.listener().members().iterator().next()))
            .contains(Set.copyOf(largest.joined()));
    }

    /** Fails if the receiver's framing accepts a sealed frame one byte over the limit. */
    @Test
    void aSealedFrameOneByteOverTheMaximumEndsTheLink() {
        // Past the codec, so that the cipher seals what the codec would have refused.
        link.dialling()
            .pipeline()
            .context(LinkInitializer.CODEC)
            .writeAndFlush(Unpooled.wrappedBuffer(new byte[MAX_FRAME_SIZE + 1]));
        link.toAcceptor();

        assertThat(link.accepting().isOpen()).isFalse();
        assertThat(b.listener().leaveReason(a.self())).contains(LeaveReason.CONNECTION_LOST);
    }

    /** Fails if the sender's codec sends a message one byte over the limit. */
    @Test
    void aMessageOneByteOverTheMaximumIsNotSentAndEndsTheLink() {
        ChannelFuture sent = link.diallerLink().send(membersOfExactly(MAX_FRAME_SIZE + 1));

        assertThat(sent.cause()).isInstanceOf(EncoderException.class)
            .hasMessageContaining("exceeds the maximum frame size");
        assertThat(link.dialling().isOpen()).isFalse();
        assertThat(a.listener().leaveReason(b.self())).contains(LeaveReason.CONNECTION_LOST);
    }

    /**
     * A members message whose frame (type byte and payload) is exactly {@code bytes}
     * long.
     */
    private static Message.Members membersOfExactly(int bytes) {
        // A frame: type, two counts; an address without a name: two string lengths, the
        // host, the port.
        int remaining = bytes - 1 - 4 - 4;
        List<NodeAddress> addresses = new ArrayList<>();
        while (remaining > 255 + 6) {
            addresses.add(new NodeAddress(null, "h".repeat(200), 4370));
            remaining -= 206;
        }
        addresses.add(new NodeAddress(null, "h".repeat(remaining - 6), 4370));
        Message.Members members = new Message.Members(addresses, List.of());
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(members, frame);
        assertThat(frame.readableBytes()).as("frame size").isEqualTo(bytes);
        frame.release();
        return members;
    }

    private static TcpTransportSettings withMaxFrameSize(TcpTransportSettings settings) {
        return new TcpTransportSettings(settings.nodeName(), settings.bindAddress(), settings.port(),
                settings.advertiseHost(), settings.cookie(), settings.connectTimeout(), settings.handshakeTimeout(),
                settings.heartbeatInterval(), settings.heartbeatTimeout(), settings.connectAll(), MAX_FRAME_SIZE,
                settings.hostResolver(), null, null);
    }

}
