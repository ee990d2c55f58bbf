package io.gencluster.transport.tcp;

import io.gencluster.LeaveReason;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a live link does with frames it must not take, on embedded channels. */
class LinkHandlerTests {

    private final EmbeddedNodes nodes = new EmbeddedNodes();

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
     * Fails if a members frame over the bound is not reported to the listener (which then
     * stops dialling announced addresses) before the link closes.
     */
    @Test
    void aMembersFrameOverTheBoundIsReportedAndEndsTheLink() {
        ByteBuf tooMany = Unpooled.buffer()
            .writeByte(MessageCodec.MEMBERS)
            .writeInt(MessageCodec.MAX_ANNOUNCED_ADDRESSES + 1)
            .writeInt(0);
        link.dialling().pipeline().context(LinkInitializer.CODEC).writeAndFlush(tooMany);
        link.toAcceptor();

        assertThat(b.listener().events()).extracting(RecordingTransportListener.Event::type)
            .containsExactly("up", "refused", "down");
        assertThat(b.listener().leaveReason(a.self())).contains(LeaveReason.CONNECTION_LOST);
        assertThat(link.accepting().isOpen()).isFalse();
    }

    /**
     * Fails if a live link takes a handshake frame (or any frame it has no use for)
     * instead of closing.
     */
    @Test
    void aHandshakeFrameOnALiveLinkEndsIt() {
        link.diallerLink().send(new Message.Confirm());
        link.toAcceptor();

        assertThat(link.accepting().isOpen()).isFalse();
        assertThat(b.listener().leaveReason(a.self())).contains(LeaveReason.CONNECTION_LOST);
    }

}
