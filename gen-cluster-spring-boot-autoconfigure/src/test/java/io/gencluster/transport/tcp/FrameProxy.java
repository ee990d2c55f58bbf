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

    private volatile boolean silent;

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

    /**
     * Drops everything from now on, both ways, and keeps both connections open even when
     * one end closes: the link falls silent as over a dead route.
     */
    void blackhole() {
        silent = true;
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
                if (silent) {
                    continue;
                }
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
            closeUnlessSilent(to);
        }
    }

    private void forwardBytes(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (!silent) {
                    out.write(buffer, 0, read);
                }
            }
        }
        catch (IOException ex) {
            // The connection ended; the other side is closed below.
        }
        closeUnlessSilent(to);
    }

    private void closeUnlessSilent(Socket socket) {
        if (!silent) {
            closeQuietly(socket);
        }
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
