package io.gencluster.systemtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A hostile or foreign client of a node's transport port, run as its own JVM inside a lab
 * namespace ({@code ip netns exec}), since test traffic must not leave the lab. It opens
 * connections, sends one kind of bad input on each, then watches how long the node takes
 * to close them and what it sent.
 * <p>
 * Usage: {@code TransportProbe <mode> <host> <port> <connections> <watch-seconds>}, mode
 * one of {@code garbage}, {@code huge-frame}, {@code half-handshake},
 * {@code other-version}, {@code idle}. Prints one line:
 * {@code opened=N closed=N maxCloseMs=N medianCloseMs=N openingMs=N frames=<types of the
 * first connection's frames> reject=<reason>}; close times count from each connection's
 * open.
 * <p>
 * The bytes follow the transport's wire format
 * ({@code io.gencluster.transport.tcp.MessageCodec}): a 4-byte length, a type byte (1 =
 * handshake, 3 = reject), and for a handshake the magic {@code GCLS}, a version byte and
 * a Noise message 1. The probe holds no cookie, so its message 1 is random bytes of the
 * right shape (a 32-byte ephemeral key, then an encrypted identity and its tag): a node
 * of its version refuses it as a cookie mismatch, a node of another version as that
 * version.
 */
public final class TransportProbe {

    private static final int MAGIC = 0x47434C53;

    /**
     * The protocol version gen-cluster nodes speak; the probe's "other version" is the
     * next one.
     */
    static final int PROTOCOL_VERSION = 7;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TransportProbe() {
    }

    /** Runs one probe and prints what happened. */
    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: TransportProbe <mode> <host> <port> <connections> <watch-seconds>");
            System.exit(2);
        }
        String mode = args[0];
        InetSocketAddress target = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        int connections = Integer.parseInt(args[3]);
        long watchNanos = Long.parseLong(args[4]) * 1_000_000_000L;
        byte[] payload = payload(mode);

        List<Connection> opened = new ArrayList<>();
        long openingStarted = System.nanoTime();
        long openingMs;
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open(target);
                channel.write(ByteBuffer.wrap(payload));
                channel.configureBlocking(false);
                Connection connection = new Connection(channel, System.nanoTime());
                channel.register(selector, SelectionKey.OP_READ, connection);
                opened.add(connection);
            }
            openingMs = (System.nanoTime() - openingStarted) / 1_000_000;
            long deadline = System.nanoTime() + watchNanos;
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            int closed = 0;
            while (closed < opened.size() && System.nanoTime() < deadline) {
                selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (connection.read(buffer)) {
                        key.cancel();
                        closed++;
                    }
                }
                selector.selectedKeys().clear();
            }
            long[] closeMs = opened.stream()
                .filter(c -> c.closedAt > 0)
                .mapToLong(c -> (c.closedAt - c.openedAt) / 1_000_000)
                .sorted()
                .toArray();
            long maxCloseMs = closeMs.length == 0 ? -1 : closeMs[closeMs.length - 1];
            long medianCloseMs = closeMs.length == 0 ? -1 : closeMs[closeMs.length / 2];
            Connection first = opened.get(0);
            System.out.println("opened=" + opened.size() + " closed=" + closed + " maxCloseMs=" + maxCloseMs
                    + " medianCloseMs=" + medianCloseMs + " openingMs=" + openingMs + " frames=" + first.frameTypes()
                    + " reject=" + first.rejectReason());
            for (Connection connection : opened) {
                connection.channel.close();
            }
        }
    }

    private static byte[] payload(String mode) {
        return switch (mode) {
            case "garbage" -> {
                byte[] bytes = new byte[4096];
                RANDOM.nextBytes(bytes);
                yield bytes;
            }
            // a length prefix claiming 2 GiB, then a few bytes of the "frame"
            case "huge-frame" -> ByteBuffer.allocate(12).putInt(0x80000000).put((byte) 1).putInt(MAGIC).array();
            case "half-handshake" -> handshake(PROTOCOL_VERSION);
            case "other-version" -> handshake(PROTOCOL_VERSION + 1);
            case "idle" -> new byte[0];
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
    }

    /**
     * A handshake frame of this version whose Noise message 1 is random: 32 key bytes, a
     * 40-byte payload, a tag.
     */
    private static byte[] handshake(int version) {
        byte[] noise = new byte[32 + 40 + 16];
        RANDOM.nextBytes(noise);
        ByteBuffer body = ByteBuffer.allocate(1 + 4 + 1 + noise.length);
        body.put((byte) 1).putInt(MAGIC).put((byte) version).put(noise);
        return ByteBuffer.allocate(4 + body.capacity()).putInt(body.capacity()).put(body.array()).array();
    }

    /**
     * One connection: when it was opened, when the node closed it, what the node sent.
     */
    private static final class Connection {

        final SocketChannel channel;

        final long openedAt;

        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        long closedAt;

        Connection(SocketChannel channel, long openedAt) {
            this.channel = channel;
            this.openedAt = openedAt;
        }

        /** Reads what is there; true once the node has closed the connection. */
        boolean read(ByteBuffer buffer) {
            try {
                buffer.clear();
                int read = channel.read(buffer);
                if (read > 0 && received.size() < 64 * 1024) {
                    received.write(buffer.array(), 0, read);
                }
                if (read < 0) {
                    closedAt = System.nanoTime();
                    return true;
                }
                return false;
            }
            catch (IOException reset) {
                closedAt = System.nanoTime();
                return true;
            }
        }

        List<Integer> frameTypes() {
            List<Integer> types = new ArrayList<>();
            ByteBuffer frames = ByteBuffer.wrap(received.toByteArray());
            while (frames.remaining() >= 5) {
                int length = frames.getInt();
                if (length < 1 || length > frames.remaining()) {
                    break;
                }
                types.add((int) frames.get(frames.position()));
                frames.position(frames.position() + length);
            }
            return types;
        }

        String rejectReason() {
            ByteBuffer frames = ByteBuffer.wrap(received.toByteArray());
            while (frames.remaining() >= 5) {
                int length = frames.getInt();
                if (length < 1 || length > frames.remaining()) {
                    break;
                }
                int start = frames.position();
                if (frames.get(start) == 3 && length >= 3) {
                    int reasonLength = Short.toUnsignedInt(frames.getShort(start + 1));
                    if (3 + reasonLength <= length) {
                        return new String(frames.array(), start + 3, reasonLength, StandardCharsets.UTF_8);
                    }
                }
                frames.position(start + length);
            }
            return "none";
        }

    }

}
