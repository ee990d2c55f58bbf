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
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * A hand-driven peer on a blocking socket: speaks the codec frame by frame, or sends raw bytes, so
 * tests can act as a silent, broken or foreign node.
 */
final class RawPeer implements AutoCloseable {

    private final Socket socket;

    private final DataInputStream in;

    private final DataOutputStream out;

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
        out.writeInt(frame.readableBytes());
        out.write(ByteBufUtil.getBytes(frame));
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
        return MessageCodec.read(Unpooled.wrappedBuffer(frame));
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
     * Dials-side handshake as the given identity: hello, answer the server's challenge, check its answer.
     *
     * @return the server's hello
     */
    Message.Hello handshake(ClusterNode identity, String cookie) throws IOException {
        Authenticator authenticator = new Authenticator(cookie);
        Message.Hello own = Message.Hello.of(identity, authenticator.newChallenge());
        send(own);
        Message.Hello server = receive(Message.Hello.class);
        send(new Message.Auth(authenticator.prove(server.challenge(), own, server)));
        Message.Auth answer = receive(Message.Auth.class);
        if (!authenticator.verify(answer.proof(), own.challenge(), server, own)) {
            throw new IOException("The server's proof did not verify");
        }
        return server;
    }

    /** Whether the other side closed the connection; reads (and drops) what is pending for a moment. */
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
