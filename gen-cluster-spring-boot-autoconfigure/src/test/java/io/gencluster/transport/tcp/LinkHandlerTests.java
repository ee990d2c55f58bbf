package io.gencluster.transport.tcp;

import io.gencluster.LeaveReason;
import io.gencluster.transport.LogThrottle;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a live link does with frames it must not take, on embedded channels. The WARNs are
 * read from the captured output; the acceptor's link handler gets a throttle of its own,
 * since the shared one may have just logged the same kind for another test.
 */
@ExtendWith(OutputCaptureExtension.class)
class LinkHandlerTests {

    private final EmbeddedNodes nodes = new EmbeddedNodes();

    private final Node a = nodes.node("a", 4370, 1);

    private final Node b = nodes.node("b", 4371, 2);

    private final Connection link = nodes.connect(a, b);

    @BeforeEach
    void linkUp() {
        link.settle();
        LogThrottle fresh = new LogThrottle(LoggerFactory.getLogger(LinkHandler.class), LogThrottle.DEFAULT_INTERVAL);
        link.accepting().pipeline().replace("link", "link", new LinkHandler(link.acceptorLink(), b.registry(), fresh));
    }

    @AfterEach
    void close() {
        nodes.close();
    }

    /**
     * Fails if a members frame over the bound is not reported to the listener (which then
     * stops dialling announced addresses) before the link closes, or if the link closes
     * without a WARN naming the peer and the bound.
     */
    @Test
    void aMembersFrameOverTheBoundIsReportedAndEndsTheLink(CapturedOutput output) {
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
        assertThat(output.getOut()).contains(
                "Closing the link to " + link.acceptorLink().describe() + ": protocol error: ",
                String.valueOf(MessageCodec.MAX_ANNOUNCED_ADDRESSES));
    }

    /**
     * Fails if a frame the codec cannot read closes the link without a WARN: an operator
     * sees a peer that sends garbage (another version, a bug) only in this line.
     */
    @Test
    void aFrameThatCannotBeReadEndsTheLinkWithAWarning(CapturedOutput output) {
        link.dialling().pipeline().context(LinkInitializer.CODEC).writeAndFlush(Unpooled.buffer().writeByte(99));
        link.toAcceptor();

        assertThat(link.accepting().isOpen()).isFalse();
        assertThat(b.listener().leaveReason(a.self())).contains(LeaveReason.CONNECTION_LOST);
        assertThat(output.getOut()).contains(
                "Closing the link to " + link.acceptorLink().describe() + ": protocol error: ",
                "unknown frame type 99");
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
