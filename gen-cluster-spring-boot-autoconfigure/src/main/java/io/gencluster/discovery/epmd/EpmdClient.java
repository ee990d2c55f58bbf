package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Blocking EPMD client: one TCP connection per request, as epmd expects, each request
 * bounded by one deadline covering connect, send and the whole reply. Callers run it off
 * the network threads.
 */
final class EpmdClient {

    private final Duration timeout;

    /**
     * Creates a client.
     * @param timeout the most one request may take, from connect to the last byte of the
     * reply
     */
    EpmdClient(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Port mapper lookup timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** Lists the names registered with the port mapper at {@code mapper}. */
    NamesReply names(InetSocketAddress mapper) throws IOException {
        long deadline = deadline();
        try (Socket socket = send(mapper, new EpmdRequest.Names(), deadline)) {
            return NamesReply.read(reader(socket, mapper, deadline));
        }
    }

    /**
     * The registration of {@code name}, empty when the port mapper has none under that
     * name.
     */
    Optional<NodeEntry> portPlease2(InetSocketAddress mapper, String name) throws IOException {
        long deadline = deadline();
        try (Socket socket = send(mapper, new EpmdRequest.PortPlease2(name), deadline)) {
            return Port2Reply.read(reader(socket, mapper, deadline), name).found();
        }
    }

    /**
     * Registers {@code node}; the registration lasts as long as the returned connection
     * stays open.
     * @throws NodeNameTakenException when a live node holds the name
     * @throws ConnectException when nothing listens on the port mapper's port
     */
    Registration register(InetSocketAddress mapper, NodeEntry node) throws IOException {
        long deadline = deadline();
        Socket socket = send(mapper, new EpmdRequest.Alive2(node), deadline);
        try {
            Alive2Reply reply = Alive2Reply.read(reader(socket, mapper, deadline));
            if (!reply.registered()) {
                throw new NodeNameTakenException(node.name(), show(mapper));
            }
            return new Registration(socket, reply.creation(), show(mapper));
        }
        catch (IOException | RuntimeException ex) {
            socket.close();
            throw ex;
        }
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    private Socket send(InetSocketAddress mapper, EpmdRequest request, long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(mapper, remainingMillis(deadline, mapper));
            socket.getOutputStream().write(request.encode());
            socket.getOutputStream().flush();
            return socket;
        }
        catch (ConnectException ex) {
            socket.close();
            ConnectException refused = new ConnectException(
                    "no port mapper answers at " + show(mapper) + " (" + ex.getMessage() + ")");
            refused.initCause(ex);
            throw refused;
        }
        catch (SocketTimeoutException ex) {
            socket.close();
            throw timedOut(mapper, ex);
        }
        catch (IOException ex) {
            socket.close();
            throw new IOException("cannot reach the port mapper at " + show(mapper) + ": " + ex.getMessage(), ex);
        }
    }

    private ReplyReader reader(Socket socket, InetSocketAddress mapper, long deadline) throws IOException {
        return new ReplyReader(new DeadlineInput(socket, deadline, mapper), show(mapper));
    }

    private int remainingMillis(long deadline, InetSocketAddress mapper) throws SocketTimeoutException {
        long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (remaining <= 0) {
            throw timedOut(mapper, null);
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    private SocketTimeoutException timedOut(InetSocketAddress mapper, Exception cause) {
        SocketTimeoutException ex = new SocketTimeoutException("the port mapper at " + show(mapper)
                + " did not answer within the lookup timeout of " + timeout.toMillis() + " ms");
        ex.initCause(cause);
        return ex;
    }

    /** {@code host:port} with the address the client dialled. */
    static String show(InetSocketAddress mapper) {
        String host = mapper.getAddress() != null ? mapper.getAddress().getHostAddress() : mapper.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + mapper.getPort();
    }

    /** Socket input whose every read waits at most until the request's deadline. */
    private final class DeadlineInput extends InputStream {

        private final Socket socket;

        private final InputStream in;

        private final long deadline;

        private final InetSocketAddress mapper;

        DeadlineInput(Socket socket, long deadline, InetSocketAddress mapper) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
            this.mapper = mapper;
        }

        @Override
        public int read() throws IOException {
            arm();
            try {
                return in.read();
            }
            catch (SocketTimeoutException ex) {
                throw timedOut(mapper, ex);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            arm();
            try {
                return in.read(buffer, offset, length);
            }
            catch (SocketTimeoutException ex) {
                throw timedOut(mapper, ex);
            }
        }

        private void arm() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline, mapper));
        }

    }

}
