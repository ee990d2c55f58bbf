package io.gencluster.discovery.epmd;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;

/**
 * A node's registration with a port mapper: the open connection that carried the
 * {@code ALIVE2_REQ}. The port mapper forgets the node when this connection closes, from
 * either side.
 */
final class Registration implements Closeable {

    private final Socket socket;

    private final long creation;

    private final String portMapper;

    Registration(Socket socket, long creation, String portMapper) {
        this.socket = socket;
        this.creation = creation;
        this.portMapper = portMapper;
    }

    /** The number the port mapper gave this registration. */
    long creation() {
        return creation;
    }

    /** The port mapper, as {@code host:port}. */
    String portMapper() {
        return portMapper;
    }

    /**
     * Blocks until the connection ends: the port mapper closed it or went away, or
     * {@link #close()} was called. A port mapper sends nothing after its reply, so bytes
     * on the line end it too.
     * @return why the registration ended, for logs
     */
    String awaitEnd() {
        try {
            socket.setSoTimeout(0);
            int b = socket.getInputStream().read();
            return b < 0 ? "the port mapper closed the connection"
                    : "the port mapper sent unexpected bytes after registering";
        }
        catch (IOException ex) {
            return socket.isClosed() ? "closed" : "connection failed: " + ex.getMessage();
        }
        finally {
            close();
        }
    }

    /** Ends the registration. */
    @Override
    public void close() {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // nothing left to release: the socket is unusable either way
        }
    }

}
