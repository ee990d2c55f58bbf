package io.gencluster.transport.tcp;

import io.gencluster.testsupport.TestCookies;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import io.gencluster.transport.tcp.noise.ForgedHandshakes;
import io.gencluster.transport.tcp.noise.Psk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.NotSslRecordException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.gencluster.transport.tcp.EmbeddedNodes.drain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the acceptor ends a handshake that fails at message 1, on embedded channels: it
 * closes the connection and is done with it, so frames the peer sent after message 1 in
 * the same read are not read as the handshake going on (each would be one more refusal
 * and one more WARN for a connection already refused). The WARNs are read from the
 * captured output.
 */
@ExtendWith(OutputCaptureExtension.class)
class AcceptingHandshakeFailureTests {

    private static final String PROTOCOL_ERROR = "protocol error: unexpected Confirm";

    private final EmbeddedNodes nodes = new EmbeddedNodes();

    private final Node low = nodes.node("a", 4370, 2);

    private final Node high = nodes.node("b", 4371, 1);

    @AfterEach
    void close() {
        nodes.close();
    }

    /**
     * Fails if a frame the acceptor does not expect during the handshake is let pass (the
     * {@code protocolError} for it removed): the connection would stay open, and hold its
     * handshake slot, until the deadline.
     */
    @Test
    void anUnexpectedFrameBeforeMessageOneClosesTheConnectionAtOnce(CapturedOutput output) {
        Connection connection = nodes.connect(high, low);
        drain(connection.dialling()).release();

        connection.accepting().writeInbound(frame(new Message.Confirm()));

        assertThat(connection.accepting().isOpen()).isFalse();
        assertThat(output.getOut()).contains(PROTOCOL_ERROR);
    }

    /**
     * Fails if an accepted connection that never finishes its handshake is closed at the
     * deadline without a WARN (the {@code warn} in {@code timedOut} removed): an operator
     * sees peers that connect and stall only in this line.
     */
    @Test
    void anAcceptedHandshakeThatTimesOutIsWarnedOf(CapturedOutput output) {
        Connection connection = nodes.connect(high, low);
        drain(connection.dialling()).release();

        nodes.advance(TestTransports.settings("unit").handshakeTimeout());

        assertThat(connection.accepting().isOpen()).isFalse();
        assertThat(output.getOut()).contains("the handshake did not finish within");
    }

    /**
     * Fails if an accepted connection whose TLS fails is closed without a WARN (the
     * {@code warn} in {@code tlsFailed} removed): a node with TLS off among nodes with
     * TLS on shows up only in this line.
     */
    @Test
    void anAcceptedConnectionWhoseTlsFailsIsWarnedOf(CapturedOutput output) {
        Connection connection = nodes.connect(high, low);

        connection.accepting().pipeline().fireExceptionCaught(new NotSslRecordException("plaintext"));

        assertThat(connection.accepting().isOpen()).isFalse();
        assertThat(output.getOut()).contains("TLS failed: the peer does not speak TLS");
    }

    /**
     * Fails if the acceptor does not finish the handshake when message 1 fails to decrypt
     * (its {@code finish} removed): the frame after it is read as a protocol error too.
     */
    @Test
    void aFrameAfterAMessageOneUnderAnotherCookieIsNotRead(CapturedOutput output) {
        Connection connection = nodes.connect(high, low);
        drain(connection.dialling()).release();
        ByteBuf bytes = frame(new Message.Handshake(MessageCodec.PROTOCOL_VERSION, new byte[64]));

        connection.accepting().writeInbound(bytes.writeBytes(frame(new Message.Confirm())));

        assertThat(connection.accepting().isOpen()).isFalse();
        assertThat(output.getOut()).contains(AcceptingHandshakeHandler.COOKIE_MISMATCH);
        assertOnlyRefused(connection, output);
    }

    /**
     * Fails if the acceptor does not finish the handshake when it refuses a crossed dial
     * (its {@code finish} removed): the frame after message 1 is read as a protocol
     * error.
     */
    @Test
    void aFrameAfterARefusedCrossedDialIsNotRead(CapturedOutput output) {
        Connection byLow = nodes.connect(low, high);
        Connection byHigh = nodes.connect(high, low);
        ByteBuf bytes = drain(byHigh.dialling());

        byHigh.accepting().writeInbound(bytes.writeBytes(frame(new Message.Confirm())));

        assertThat(byHigh.acceptorLink().handshakeHash).as("refused before the key exchange").isNull();
        assertThat(byHigh.accepting().isOpen()).isFalse();
        assertOnlyRefused(byHigh, output);
        assertThat(byLow.dialling().isOpen()).isTrue();
    }

    /**
     * Fails if the acceptor does not finish the handshake when message 1 comes from this
     * very node (its {@code finish} removed): the frame after it is read as a protocol
     * error.
     */
    @Test
    void aFrameAfterAMessageOneFromThisNodeItselfIsNotRead(CapturedOutput output) {
        Connection toItself = nodes.connect(low, low);
        ByteBuf bytes = drain(toItself.dialling());

        toItself.accepting().writeInbound(bytes.writeBytes(frame(new Message.Confirm())));

        assertThat(toItself.accepting().isOpen()).isFalse();
        assertOnlyRefused(toItself, output);
    }

    /**
     * Fails if a message 1 that decrypts but carries a small-order ephemeral key (only a
     * holder of the cookie can write one) leaves the connection open until the deadline
     * (the {@code protocolError} after the failed key exchange removed) instead of
     * closing it as a protocol error at once.
     */
    @Test
    void aMessageOneWhoseKeyExchangeFailsIsAProtocolError(CapturedOutput output) throws Exception {
        Connection connection = nodes.connect(high, low);
        drain(connection.dialling()).release();
        byte[] forged = ForgedHandshakes.smallOrderFirstMessage(Psk.fromCookie(TestCookies.SHARED),
                HandshakeHandler.PROLOGUE, MessageCodec.writeIdentity(high.self()));

        connection.accepting().writeInbound(frame(new Message.Handshake(MessageCodec.PROTOCOL_VERSION, forged)));

        assertThat(connection.accepting().isOpen()).isFalse();
        assertThat(connection.acceptorLink().handshakeHash).isNull();
        assertThat(output.getOut()).contains("protocol error: cannot answer the first handshake message");
    }

    /**
     * No protocol error was warned of for the refused connection; and, so that the
     * captured output is known to show these WARNs, one is for a fresh connection sent
     * the same frame first.
     */
    private void assertOnlyRefused(Connection refused, CapturedOutput output) {
        assertThat(refused.accepting().isOpen()).isFalse();
        assertThat(output.getOut()).doesNotContain(PROTOCOL_ERROR);
        Connection fresh = nodes.connect(high, low);
        drain(fresh.dialling()).release();
        fresh.accepting().writeInbound(frame(new Message.Confirm()));
        assertThat(output.getOut()).contains(PROTOCOL_ERROR);
    }

    private static ByteBuf frame(Message message) {
        ByteBuf payload = Unpooled.buffer();
        MessageCodec.write(message, payload);
        ByteBuf frame = Unpooled.buffer().writeInt(payload.readableBytes()).writeBytes(payload);
        payload.release();
        return frame;
    }

}
