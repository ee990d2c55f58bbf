package io.gencluster.transport.tcp;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.testsupport.TestCookies;
import io.gencluster.transport.tcp.noise.Psk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Nodes whose links are {@link EmbeddedChannel}s with the pipeline
 * {@link LinkInitializer} builds (without TLS): the test hands the bytes across, so it
 * decides the order in which each end sees each link. Every channel and the
 * announcements' event loop run on one virtual clock that only {@link #advance} moves, so
 * heartbeats and deadlines do not depend on the machine's load.
 */
final class EmbeddedNodes implements AutoCloseable {

    private static final Psk PSK = Psk.fromCookie(TestCookies.SHARED);

    private final TcpTransportSettings settings;

    private final MockTicker clock = Ticker.newMockTicker();

    private final EmbeddedChannel loop = EmbeddedChannel.builder().ticker(clock).build();

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    /** One node: its identity, its registry and what its listener saw. */
    record Node(ClusterNode self, LinkRegistry registry, RecordingTransportListener listener) {
    }

    /**
     * Both ends of one connection: the dialler's and the acceptor's channel and link, and
     * what the dialler's connect completes with.
     */
    record Connection(EmbeddedChannel dialling, Link diallerLink, EmbeddedChannel accepting, Link acceptorLink,
            CompletableFuture<ClusterNode> connected) {

        /** The dialler's bytes so far, read by the acceptor. */
        void toAcceptor() {
            deliver(dialling, accepting);
        }

        /** The acceptor's bytes so far, read by the dialler. */
        void toDialler() {
            deliver(accepting, dialling);
        }

        /**
         * Hands bytes across both ways until neither end has anything to say, and passes
         * a close on.
         */
        void settle() {
            boolean moved;
            do {
                moved = deliver(dialling, accepting) | deliver(accepting, dialling);
            }
            while (moved);
            if (!dialling.isOpen()) {
                accepting.close();
            }
            if (!accepting.isOpen()) {
                dialling.close();
            }
        }

        private static boolean deliver(EmbeddedChannel from, EmbeddedChannel to) {
            ByteBuf bytes = drain(from);
            if (!bytes.isReadable() || !to.isOpen()) {
                bytes.release();
                return false;
            }
            to.writeInbound(bytes);
            return true;
        }
    }

    /** Nodes with the settings of {@link TestTransports#settings}. */
    EmbeddedNodes() {
        this(TestTransports.settings("unit"));
    }

    EmbeddedNodes(TcpTransportSettings settings) {
        this.settings = settings;
    }

    /** Moves the clock of every channel and runs what fell due. */
    void advance(Duration time) {
        clock.advance(time.toNanos(), TimeUnit.NANOSECONDS);
        channels.forEach(EmbeddedChannel::runScheduledPendingTasks);
        loop.runScheduledPendingTasks();
    }

    /** Runs what the channels' event loops were handed, such as completions. */
    void runPendingTasks() {
        channels.forEach(EmbeddedChannel::runPendingTasks);
    }

    /**
     * A node named {@code name@127.0.0.1:port} with an empty registry; connect-all off.
     */
    Node node(String name, int port, long incarnation) {
        RecordingTransportListener listener = new RecordingTransportListener();
        return new Node(new ClusterNode(new NodeAddress(name, "127.0.0.1", port), incarnation, Instant.now(),
                ClusterNode.Direction.LOCAL), new LinkRegistry(listener, false, loop.eventLoop()), listener);
    }

    /**
     * Opens a connection from one node to another; the dialler has written message 1,
     * nothing has been handed across yet.
     */
    Connection connect(Node dialler, Node acceptor) {
        return connect(dialler, acceptor, acceptor.self().address());
    }

    /**
     * Opens a connection from one node to another, dialled at a given address: one the
     * acceptor does not advertise hides that the dialler is dialling it.
     */
    Connection connect(Node dialler, Node acceptor, NodeAddress dialled) {
        List<Link> made = new ArrayList<>();
        CompletableFuture<ClusterNode> connected = new CompletableFuture<>();
        EmbeddedChannel dialling = channel(link -> new DiallingHandshakeHandler(link, dialler.self(), PSK, settings,
                dialler.registry(), connected), ClusterNode.Direction.OUTBOUND, dialled, dialler, made);
        HandshakeAdmission admission = new HandshakeAdmission(4, 4);
        EmbeddedChannel accepting = channel(
                link -> new AcceptingHandshakeHandler(link, acceptor.self(), PSK, settings, acceptor.registry(),
                        admission, admission.admit(InetAddress.getLoopbackAddress())),
                ClusterNode.Direction.INBOUND, null, acceptor, made);
        return new Connection(dialling, made.get(0), accepting, made.get(1), connected);
    }

    @Override
    public void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        loop.finishAndReleaseAll();
    }

    /**
     * Everything a channel wrote, as one buffer: what one read at the other end would
     * see.
     */
    static ByteBuf drain(EmbeddedChannel channel) {
        ByteBuf bytes = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null;) {
            bytes.writeBytes(part);
            part.release();
        }
        return bytes;
    }

    private EmbeddedChannel channel(Function<Link, HandshakeHandler> handshake, ClusterNode.Direction direction,
            @Nullable NodeAddress dialled, Node node, List<Link> made) {
        EmbeddedChannel channel = EmbeddedChannel.builder()
            .ticker(clock)
            .handlers(pipeline(handshake, direction, dialled, node, made))
            .build();
        channels.add(channel);
        return channel;
    }

    private ChannelHandler pipeline(Function<Link, HandshakeHandler> handshake, ClusterNode.Direction direction,
            @Nullable NodeAddress dialled, Node node, List<Link> made) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                Link link = new Link(channel, direction, node.self(), dialled);
                made.add(link);
                ChannelPipeline pipeline = channel.pipeline();
                pipeline.addLast("frameDecoder", new FrameDecoder());
                pipeline.addLast("frameEncoder", new LengthFieldPrepender(FrameDecoder.LENGTH_FIELD_LENGTH));
                pipeline.addLast(LinkInitializer.CODEC, new MessageCodec(settings.maxFrameSize()));
                pipeline.addLast("idle", new IdleStateHandler(settings.heartbeatTimeout().toMillis(),
                        settings.heartbeatInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
                pipeline.addLast("handshake", handshake.apply(link));
                pipeline.addLast("heartbeat", new HeartbeatHandler(link, settings.heartbeatInterval(),
                        settings.heartbeatTimeout(), node.registry()));
                pipeline.addLast("link", new LinkHandler(link, node.registry()));
            }
        };
    }

}
