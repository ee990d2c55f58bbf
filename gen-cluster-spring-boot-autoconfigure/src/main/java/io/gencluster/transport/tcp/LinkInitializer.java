package io.gencluster.transport.tcp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.tcp.noise.Psk;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Assembles the pipeline of a link, accepted or dialled: optional TLS, framing, the
 * flushes gathered per turn of the event loop, the message codec, idle detection, the
 * handshake, heartbeats and the live link's handler. The handshake puts a
 * {@link FrameCipher} before the codec once it has keys. An accepted connection past the
 * {@link HandshakeAdmission} bounds is closed before any of that.
 */
final class LinkInitializer extends ChannelInitializer<SocketChannel> {

    static final String TLS = "tls";

    static final String CODEC = "codec";

    static final String CIPHER = "cipher";

    /**
     * Gathers the flushes of frames written in one turn of the event loop (a burst of
     * messages sent from other threads, or answers written while reading) into one write
     * to the socket, at most this many frames apart.
     */
    static final String FLUSHES = "flushes";

    private static final int MAX_FRAMES_PER_FLUSH = 256;

    private final TcpTransportSettings settings;

    private final Supplier<ClusterNode> self;

    private final Psk psk;

    private final LinkRegistry registry;

    /**
     * Bounds accepted connections until they authenticate; {@code null} for dialled
     * links.
     */
    private final HandshakeAdmission admission;

    /** Where this node dials (for TLS host checks); {@code null} for accepted links. */
    private final NodeAddress dialled;

    private final CompletableFuture<ClusterNode> connected;

    private LinkInitializer(TcpTransportSettings settings, Supplier<ClusterNode> self, Psk psk, LinkRegistry registry,
            HandshakeAdmission admission, NodeAddress dialled, CompletableFuture<ClusterNode> connected) {
        this.settings = settings;
        this.self = self;
        this.psk = psk;
        this.registry = registry;
        this.admission = admission;
        this.dialled = dialled;
        this.connected = connected;
    }

    /** The initializer of every link peers dial to this node. */
    static LinkInitializer accepting(TcpTransportSettings settings, Supplier<ClusterNode> self, Psk psk,
            LinkRegistry registry, HandshakeAdmission admission) {
        return new LinkInitializer(settings, self, psk, registry, admission, null, null);
    }

    /**
     * The initializer of one link this node dials; {@code connected} completes with the
     * member or the failure.
     */
    static LinkInitializer dialling(TcpTransportSettings settings, Supplier<ClusterNode> self, Psk psk,
            LinkRegistry registry, NodeAddress dialled, CompletableFuture<ClusterNode> connected) {
        return new LinkInitializer(settings, self, psk, registry, null, dialled, connected);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        HandshakeAdmission.Permit permit = null;
        if (dialled == null) {
            permit = admission.admit(channel.remoteAddress().getAddress());
            if (permit == null) {
                channel.close();
                registry.listener().connectionRefused();
                return;
            }
            HandshakeAdmission.Permit slot = permit;
            channel.closeFuture().addListener((ChannelFutureListener) closed -> slot.release());
        }
        EnvelopeWriter.bound(channel, settings.outboundHighWaterMark());
        ClusterNode node = self.get();
        Link link = new Link(channel, dialled == null ? ClusterNode.Direction.INBOUND : ClusterNode.Direction.OUTBOUND,
                node, dialled);
        ChannelPipeline pipeline = channel.pipeline();
        SslContext tls = dialled == null ? settings.serverSslContext() : settings.clientSslContext();
        if (tls != null) {
            SslHandler handler = dialled == null ? tls.newHandler(channel.alloc())
                    : tls.newHandler(channel.alloc(), dialled.host(), dialled.port());
            handler.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
            pipeline.addLast(TLS, handler);
        }
        pipeline.addLast("frameDecoder", new FrameDecoder());
        pipeline.addLast("frameEncoder", new LengthFieldPrepender(FrameDecoder.LENGTH_FIELD_LENGTH));
        pipeline.addLast(FLUSHES, new FlushConsolidationHandler(MAX_FRAMES_PER_FLUSH, true));
        pipeline.addLast(CODEC, new MessageCodec(settings.maxFrameSize()));
        pipeline.addLast("idle", new IdleStateHandler(settings.heartbeatTimeout().toMillis(),
                settings.heartbeatInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("handshake",
                dialled == null ? new AcceptingHandshakeHandler(link, node, psk, settings, registry, admission, permit)
                        : new DiallingHandshakeHandler(link, node, psk, settings, registry, connected));
        pipeline.addLast("heartbeat",
                new HeartbeatHandler(link, settings.heartbeatInterval(), settings.heartbeatTimeout(), registry));
        pipeline.addLast("link", new LinkHandler(link, registry));
    }

}
