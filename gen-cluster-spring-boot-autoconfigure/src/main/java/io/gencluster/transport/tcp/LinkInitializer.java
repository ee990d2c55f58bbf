package io.gencluster.transport.tcp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Assembles the pipeline of a link, accepted or dialled: optional TLS, framing, the message codec,
 * idle detection, the handshake, heartbeats and the live link's handler.
 */
final class LinkInitializer extends ChannelInitializer<SocketChannel> {

    static final String TLS = "tls";

    private final TcpTransportSettings settings;

    private final Supplier<ClusterNode> self;

    private final Authenticator authenticator;

    private final LinkRegistry registry;

    private final ClusterNode.Direction direction;

    /** Where this node dials (for TLS host checks); {@code null} for accepted links. */
    private final NodeAddress dialled;

    private final CompletableFuture<ClusterNode> connected;

    private LinkInitializer(TcpTransportSettings settings, Supplier<ClusterNode> self, Authenticator authenticator,
            LinkRegistry registry, NodeAddress dialled, CompletableFuture<ClusterNode> connected) {
        this.settings = settings;
        this.self = self;
        this.authenticator = authenticator;
        this.registry = registry;
        this.direction = dialled == null ? ClusterNode.Direction.INBOUND : ClusterNode.Direction.OUTBOUND;
        this.dialled = dialled;
        this.connected = connected;
    }

    /** The initializer of every link peers dial to this node. */
    static LinkInitializer accepting(TcpTransportSettings settings, Supplier<ClusterNode> self,
            Authenticator authenticator, LinkRegistry registry) {
        return new LinkInitializer(settings, self, authenticator, registry, null, null);
    }

    /** The initializer of one link this node dials; {@code connected} completes with the member or the failure. */
    static LinkInitializer dialling(TcpTransportSettings settings, Supplier<ClusterNode> self,
            Authenticator authenticator, LinkRegistry registry, NodeAddress dialled,
            CompletableFuture<ClusterNode> connected) {
        return new LinkInitializer(settings, self, authenticator, registry, dialled, connected);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ClusterNode node = self.get();
        Link link = new Link(channel, direction, node);
        ChannelPipeline pipeline = channel.pipeline();
        SslContext tls = direction == ClusterNode.Direction.INBOUND ? settings.serverSslContext()
                : settings.clientSslContext();
        if (tls != null) {
            SslHandler handler = dialled == null ? tls.newHandler(channel.alloc())
                    : tls.newHandler(channel.alloc(), dialled.host(), dialled.port());
            handler.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
            pipeline.addLast(TLS, handler);
        }
        pipeline.addLast("frameDecoder", new FrameDecoder(settings.maxFrameSize()));
        pipeline.addLast("frameEncoder", new LengthFieldPrepender(FrameDecoder.LENGTH_FIELD_LENGTH));
        pipeline.addLast("codec", new MessageCodec(settings.maxFrameSize()));
        pipeline.addLast("idle", new IdleStateHandler(settings.heartbeatTimeout().toMillis(),
                settings.heartbeatInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("handshake", new HandshakeHandler(link, node, authenticator, settings.handshakeTimeout(),
                registry, connected));
        pipeline.addLast("heartbeat", new HeartbeatHandler(link, settings.heartbeatTimeout(), registry));
        pipeline.addLast("link", new LinkHandler(link, registry));
    }
}
