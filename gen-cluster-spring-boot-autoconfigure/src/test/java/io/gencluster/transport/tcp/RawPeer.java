package io.gencluster.transport.tcp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.tcp.noise.HandshakeState;
import io.gencluster.transport.tcp.noise.NoiseException;
import io.gencluster.transport.tcp.noise.NoiseSession;
import io.gencluster.transport.tcp.noise.Psk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * A hand-driven peer on a blocking socket: speaks the codec frame by frame (sealed with
 * the session keys once its handshake is done), or sends raw bytes, so tests can act as a
 * silent, broken or foreign node.
 */
final class RawPeer implements AutoCloseable {

    private final Socket socket;

    private final DataInputStream in;

    private final DataOutputStream out;

    private NoiseSession session;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    static RawPeer connect(NodeAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address.host(), address.port()), 2000);
        return new RawPeer(socket);
    }

    static RawPeer of(Socket socket) throws IOException {
        return new RawPeer(socket);
    }

    void send(Message message) throws IOException {
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(message, frame);
        sendFrame(ByteBufUtil.getBytes(frame));
    }

    /**
     * Sends one frame's bytes (type and payload) as the codec would, sealed once the
     * handshake is done.
     */
    void sendFrame(byte[] plaintext) throws IOException {
        byte[] bytes = session == null ? plaintext : noise(() -> session.sending().encrypt(new byte[0], plaintext));
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Message receive() throws IOException {
        socket.setSoTimeout(3000);
        int length = in.readInt();
        byte[] frame = new byte[length];
        in.readFully(frame);
        byte[] plaintext = session == null ? frame : noise(() -> session.receiving().decrypt(new byte[0], frame));
        return MessageCodec.read(Unpooled.wrappedBuffer(plaintext));
    }

    /** Receives frames until one of the given type arrives. */
    <T extends Message> T receive(Class<T> type) throws IOException {
        while (true) {
            Message message = receive();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    /**
     * Dialler-side handshake as the given identity: message 1, message 2, then the
     * confirm and the identity's metadata, and the acceptor's metadata; every later frame
     * is sealed.
     * @return the acceptor's identity, with its metadata
     */
    ClusterNode handshake(ClusterNode identity, String cookie) throws IOException {
        ClusterNode acceptor = confirm(identity, cookie);
        send(new Message.Metadata(0, identity.metadata()));
        return acceptor.withMetadata(receive(Message.Metadata.class).entries());
    }

    /**
     * Dialler-side handshake up to the confirm, leaving the metadata frame to the caller.
     * @return the acceptor's identity, without its metadata
     */
    ClusterNode confirm(ClusterNode identity, String cookie) throws IOException {
        HandshakeState noise = sendFirstMessage(identity, cookie);
        Message.Handshake second = receive(Message.Handshake.class);
        ClusterNode acceptor = MessageCodec.readIdentity(noise(() -> noise.readMessage(second.noise())),
                ClusterNode.Direction.OUTBOUND);
        session = noise.split();
        send(new Message.Confirm());
        return acceptor;
    }

    /**
     * Sends handshake message 1 as the given identity, made with the given cookie, and
     * stops there.
     */
    HandshakeState sendFirstMessage(ClusterNode identity, String cookie) throws IOException {
        HandshakeState noise = HandshakeState.initiator(Psk.fromCookie(cookie), HandshakeHandler.PROLOGUE);
        send(new Message.Handshake(MessageCodec.PROTOCOL_VERSION,
                noise(() -> noise.writeMessage(MessageCodec.writeIdentity(identity)))));
        return noise;
    }

    /**
     * Whether the other side closed the connection; reads (and drops) what is pending for
     * a moment.
     */
    boolean isClosedByPeer() {
        try {
            socket.setSoTimeout(50);
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
        catch (EOFException ex) {
            return true;
        }
        catch (IOException ex) {
            return true;
        }
    }

    private static byte[] noise(NoiseStep step) throws IOException {
        try {
            return step.run();
        }
        catch (NoiseException ex) {
            throw new IOException(ex);
        }
    }

    /** One Noise operation. */
    private interface NoiseStep {

        byte[] run() throws NoiseException;

    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
