package io.gencluster.transport.tcp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.gencluster.NodeAddress;

/**
 * A man in the middle on loopback for attack tests: forwards the bytes of every
 * connection it accepts to a target, cutting the client's direction into whole frames so
 * it can record them, inject frames of its own, replay recorded ones or swap the order of
 * the next two.
 */
final class FrameProxy implements AutoCloseable {

    private final ServerSocket server;

    private final InetSocketAddress target;

    private final List<byte[]> clientFrames = new CopyOnWriteArrayList<>();

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "frame-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private volatile OutputStream toTarget;

    private volatile boolean swapNext;

    private FrameProxy(NodeAddress target) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = new InetSocketAddress(target.host(), target.port());
        threads.execute(this::accept);
    }

    /** A proxy to a node's transport port. */
    static FrameProxy to(NodeAddress target) throws IOException {
        return new FrameProxy(target);
    }

    /** Where clients dial to reach the target through this proxy. */
    NodeAddress address() {
        return NodeAddress.of("127.0.0.1", server.getLocalPort());
    }

    /** Every frame the client sent so far, length prefix included, in order. */
    List<byte[]> clientFrames() {
        return List.copyOf(clientFrames);
    }

    /**
     * Sends bytes to the target as if the client had sent them, between two of its
     * frames.
     */
    void inject(byte[] bytes) throws IOException {
        OutputStream out = toTarget;
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /**
     * Holds the client's next frame back and forwards it after the one that follows it.
     */
    void swapNextTwo() {
        swapNext = true;
    }

    /** A frame: the 4-byte length, then the bytes. */
    static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 2000);
                sockets.add(client);
                sockets.add(upstream);
                toTarget = upstream.getOutputStream();
                threads.execute(() -> forwardFrames(client, upstream));
                threads.execute(() -> forwardBytes(upstream, client));
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void forwardFrames(Socket from, Socket to) {
        try (DataInputStream in = new DataInputStream(from.getInputStream())) {
            OutputStream out = to.getOutputStream();
            byte[] held = null;
            while (true) {
                byte[] frame = frame(in.readNBytes(in.readInt()));
                clientFrames.add(frame);
                synchronized (out) {
                    if (swapNext && held == null) {
                        held = frame;
                        swapNext = false;
                        continue;
                    }
                    out.write(frame);
                    if (held != null) {
                        out.write(held);
                        held = null;
                    }
                    out.flush();
                }
            }
        }
        catch (IOException ex) {
            closeQuietly(to);
        }
    }

    private void forwardBytes(Socket from, Socket to) {
        try (InputStream in = from.getInputStream()) {
            in.transferTo(to.getOutputStream());
        }
        catch (IOException ex) {
            // The connection ended; the other side is closed below.
        }
        closeQuietly(to);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(FrameProxy::closeQuietly);
        threads.shutdownNow();
    }

}
