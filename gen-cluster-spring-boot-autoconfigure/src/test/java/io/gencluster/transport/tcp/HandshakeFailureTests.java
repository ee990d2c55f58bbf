package io.gencluster.transport.tcp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLHandshakeException;

import io.gencluster.ClusterNode;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a handshake fails, seen from the dialler's connect, on embedded channels in virtual
 * time: each failure ends the connect with its own reason and closes the connection, and
 * no member is made.
 */
class HandshakeFailureTests {

    private static final Duration HANDSHAKE_TIMEOUT = TestTransports.settings("unit").handshakeTimeout();

    private final EmbeddedNodes nodes = new EmbeddedNodes();

    private final Node dialler = nodes.node("dialler", 4370, 1);

    private final Node acceptor = nodes.node("acceptor", 4371, 2);

    private final Connection connection = nodes.connect(dialler, acceptor);

    @AfterEach
    void close() {
        nodes.close();
    }

    /**
     * Fails if the deadline does not end the connect as {@code HANDSHAKE_TIMEOUT}, or
     * ends it early.
     */
    @Test
    void aPeerThatNeverAnswersTimesOutAtTheDeadline() {
        nodes.advance(HANDSHAKE_TIMEOUT.minusMillis(1));
        assertThat(connection.connected()).isNotDone();
        assertThat(connection.dialling().isOpen()).isTrue();

        nodes.advance(Duration.ofMillis(1));

        assertRejected(Reason.HANDSHAKE_TIMEOUT, "did not finish within");
    }

    /**
     * Fails if a frame larger than a handshake frame is not refused as a protocol error
     * naming TLS as a likely cause.
     */
    @Test
    void anOversizeFrameBeforeAuthenticationIsAProtocolErrorThatNamesTls() {
        connection.dialling()
            .writeInbound(Unpooled.buffer().writeInt(FrameDecoder.MAX_HANDSHAKE_FRAME + 1).writeZero(8));

        assertRejected(Reason.PROTOCOL_ERROR, "TLS must be on for every node or none");
    }

    /**
     * Fails if an unexpected message during the handshake is not reported as a protocol
     * error of its own.
     */
    @Test
    void anUnexpectedMessageDuringTheHandshakeIsAProtocolError() {
        connection.dialling().writeInbound(frame(new Message.Confirm()));

        assertRejected(Reason.PROTOCOL_ERROR, "unexpected Confirm");
    }

    /**
     * Fails if an SSL exception wrapped in a decoder exception is not found and reported
     * as {@code TLS_FAILED}.
     */
    @Test
    void aWrappedSslFailureIsReportedAsTls() {
        connection.dialling()
            .pipeline()
            .fireExceptionCaught(new DecoderException(new SSLHandshakeException("bad certificate")));

        assertRejected(Reason.TLS_FAILED, "bad certificate");
    }

    /**
     * Fails if plaintext from a TLS peer's point of view is not explained as TLS on one
     * side only.
     */
    @Test
    void aPeerThatDoesNotSpeakTlsIsNamedSo() {
        connection.dialling().pipeline().fireExceptionCaught(new NotSslRecordException("not TLS"));

        assertRejected(Reason.TLS_FAILED, "does not speak TLS");
    }

    /** Fails if another decoder failure is not a protocol error. */
    @Test
    void aDecoderFailureIsAProtocolError() {
        connection.dialling().pipeline().fireExceptionCaught(new DecoderException("garbled"));

        assertRejected(Reason.PROTOCOL_ERROR, "garbled");
    }

    /**
     * Fails if any other failure does not end the connect with an I/O failure that
     * carries it.
     */
    @Test
    void anyOtherFailureEndsTheConnectWithIt() {
        IllegalStateException bug = new IllegalStateException("a bug");
        connection.dialling().pipeline().fireExceptionCaught(bug);

        assertThat(failure()).isInstanceOf(IOException.class)
            .isNotInstanceOf(PeerRejectedException.class)
            .hasCause(bug);
        assertThat(connection.dialling().isOpen()).isFalse();
    }

    /**
     * Fails if a failure after the handshake finished ends anything but the connection.
     */
    @Test
    void aFailureAfterTheHandshakeOnlyClosesTheConnection() {
        connection.settle();
        ClusterNode member = connection.connected().join();

        connection.dialling().pipeline().fireExceptionCaught(new IllegalStateException("later"));

        assertThat(member.isSameIncarnation(acceptor.self())).isTrue();
        assertThat(connection.dialling().isOpen()).isFalse();
    }

    /**
     * Fails if a transport that is stopping takes a new connection instead of failing the
     * connect, or fails it as a connection closed during the handshake rather than saying
     * it stops (the {@code finish} in {@code channelActive} removed).
     */
    @Test
    void aStoppingTransportFailsANewConnect() {
        dialler.registry().beginStop();

        Connection late = nodes.connect(dialler, acceptor);

        assertThat(late.connected()).isCompletedExceptionally();
        assertThat(late.connected().handle((node, failure) -> failure).join()).isInstanceOf(IOException.class)
            .hasMessage("The transport is stopping");
        assertThat(late.dialling().isOpen()).isFalse();
        assertThat(dialler.registry().openLinks()).isEqualTo(1);
    }

    /**
     * Fails if a peer authenticated while the transport stops becomes a member, or leaves
     * the connect pending.
     */
    @Test
    void aStoppingTransportFailsAConnectThatAuthenticatesMeanwhile() {
        connection.toAcceptor();
        dialler.registry().beginStop();

        connection.toDialler();

        assertThat(connection.connected()).isCompletedExceptionally();
        assertThat(failure()).hasMessageContaining("stopping");
        assertThat(connection.dialling().isOpen()).isFalse();
        assertThat(dialler.listener().events()).isEmpty();
    }

    /**
     * Fails if an answer in another protocol version ends the connect as anything but
     * {@code PROTOCOL_VERSION} (the {@code finish} in {@code exceptionCaught} removed:
     * the close that follows then fails it as a peer that closed without a reason).
     */
    @Test
    void anAnswerInAnotherProtocolVersionFailsTheConnectAsProtocolVersion() {
        connection.dialling()
            .writeInbound(frame(new Message.Handshake(MessageCodec.PROTOCOL_VERSION + 1, new byte[48])));

        assertRejected(Reason.PROTOCOL_VERSION,
                "the peer speaks protocol version " + (MessageCodec.PROTOCOL_VERSION + 1));
    }

    /**
     * Fails if a message 2 that does not authenticate (not written for this message 1
     * under the cookie) leaves the connect waiting for the deadline instead of failing it
     * as a protocol error at once.
     */
    @Test
    void aSecondMessageThatDoesNotAuthenticateIsAProtocolError() {
        connection.dialling().writeInbound(frame(new Message.Handshake(MessageCodec.PROTOCOL_VERSION, new byte[64])));

        assertRejected(Reason.PROTOCOL_ERROR, "the second handshake message did not authenticate");
    }

    /**
     * Fails if a failed handshake leaves its deadline scheduled ({@code finish}'s cancel
     * skipped, its null check negated): each connection an attacker fails on purpose
     * would hold a timer, and its channel, until the handshake timeout.
     */
    @Test
    void aFailedHandshakeLeavesNoTimerBehind() {
        assertThat(connection.dialling().runScheduledPendingTasks()).as("the deadline, while it runs").isPositive();

        connection.dialling().writeInbound(frame(new Message.Confirm()));

        assertRejected(Reason.PROTOCOL_ERROR, "unexpected Confirm");
        assertThat(connection.dialling().runScheduledPendingTasks()).as("nanos to the next scheduled task")
            .isEqualTo(-1);
    }

    private void assertRejected(Reason reason, String detail) {
        assertThat(failure())
            .isInstanceOfSatisfying(PeerRejectedException.class,
                    rejected -> assertThat(rejected.getReason()).isEqualTo(reason))
            .hasMessageContaining(detail);
        assertThat(connection.dialling().isOpen()).isFalse();
        assertThat(dialler.listener().events()).isEmpty();
    }

    private Throwable failure() {
        CompletableFuture<ClusterNode> connected = connection.connected();
        assertThat(connected).isCompletedExceptionally();
        return connected.handle((node, failure) -> failure).join();
    }

    private static ByteBuf frame(Message message) {
        ByteBuf payload = Unpooled.buffer();
        MessageCodec.write(message, payload);
        return Unpooled.buffer().writeInt(payload.readableBytes()).writeBytes(payload);
    }

}
