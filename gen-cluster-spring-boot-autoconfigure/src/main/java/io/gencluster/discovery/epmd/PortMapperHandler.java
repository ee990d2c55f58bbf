package io.gencluster.discovery.epmd;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded port mapper's request handler: answers {@code ALIVE2_REQ} (from loopback
 * only), {@code PORT_PLEASE2_REQ} and {@code NAMES_REQ} as epmd does. A registration
 * lives as long as its connection, one per connection, and at most
 * {@code maxRegistrations} live at once: past that, {@code ALIVE2_REQ} gets epmd's error
 * reply. Every other connection closes after its reply; a malformed request closes the
 * connection. Runs on the port mapper's one event loop thread.
 */
@Sharable
final class PortMapperHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger log = LoggerFactory.getLogger(PortMapperHandler.class);

    private static final AttributeKey<String> REGISTERED_NAME = AttributeKey.valueOf(PortMapperHandler.class,
            "registeredName");

    private final Map<String, Registered> nodes;

    private final int maxRegistrations;

    private final AtomicLong refused = new AtomicLong();

    /**
     * Whether the refusals since the port mapper was last below its bound were logged;
     * event-loop confined.
     */
    private boolean fullLogged;

    /**
     * A registered node and the connection that holds its registration.
     *
     * @param node what the node registered
     * @param channel the registration connection
     * @param creation the number this registration was given
     */
    record Registered(NodeEntry node, Channel channel, long creation) {
    }

    /**
     * Creates the handler.
     * @param nodes the registrations, by name, shared by all connections
     * @param maxRegistrations the most registrations live at once
     */
    PortMapperHandler(Map<String, Registered> nodes, int maxRegistrations) {
        this.nodes = nodes;
        this.maxRegistrations = maxRegistrations;
    }

    /** How many registrations were refused because the port mapper was full. */
    long refusedRegistrations() {
        return refused.get();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (isRegistration(ctx.channel())) {
            log.debug("Closing registration connection {}: a request after ALIVE2_REQ", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        EpmdRequest request;
        try {
            request = EpmdRequest.decode(ByteBufUtil.getBytes(frame));
        }
        catch (EpmdProtocolException ex) {
            log.debug("Closing port mapper connection from {}: {}", ctx.channel().remoteAddress(), ex.getMessage());
            ctx.close();
            return;
        }
        if (request instanceof EpmdRequest.Alive2 alive2) {
            register(ctx, alive2.node());
        }
        else if (request instanceof EpmdRequest.PortPlease2 portPlease2) {
            Registered registered = nodes.get(portPlease2.name());
            replyAndClose(ctx, new Port2Reply(registered == null ? null : registered.node()).encode());
        }
        else {
            List<NamesReply.Registered> listed = new ArrayList<>();
            nodes.values().forEach(r -> listed.add(new NamesReply.Registered(r.node().name(), r.node().port())));
            int port = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
            replyAndClose(ctx, new NamesReply(port, listed).encode());
        }
    }

    private void register(ChannelHandlerContext ctx, NodeEntry node) {
        Channel channel = ctx.channel();
        if (!isLoopback(channel.remoteAddress())) {
            log.warn("Refused ALIVE2_REQ for '{}' from {}: registrations are accepted from loopback only", node.name(),
                    channel.remoteAddress());
            ctx.close();
            return;
        }
        // As epmd: nodes speaking distribution version 6 get a 32-bit creation, older
        // ones 1..3.
        boolean extended = node.highestVersion() >= 6;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long creation = extended ? 1 + random.nextLong(0xFFFF_FFFEL) : 1 + random.nextInt(3);
        if (nodes.size() >= maxRegistrations) {
            refused.incrementAndGet();
            if (!fullLogged) {
                fullLogged = true;
                log.warn("Refusing ALIVE2_REQ for '{}' and the rest until a registration ends: {} nodes are "
                        + "registered, the most this port mapper keeps", node.name(), nodes.size());
            }
            replyAndClose(ctx, new Alive2Reply(1, 0, extended).encode());
            return;
        }
        Registered registered = new Registered(node, channel, creation);
        if (nodes.putIfAbsent(node.name(), registered) != null) {
            log.debug("Refused ALIVE2_REQ for '{}': the name is registered", node.name());
            replyAndClose(ctx, new Alive2Reply(1, 0, extended).encode());
            return;
        }
        channel.attr(REGISTERED_NAME).set(node.name());
        channel.closeFuture().addListener(closed -> {
            nodes.remove(node.name(), registered);
            fullLogged = fullLogged && nodes.size() >= maxRegistrations;
            log.debug("Unregistered {}", node);
        });
        if (ctx.pipeline().get(ReadTimeoutHandler.class) != null) {
            ctx.pipeline().remove(ReadTimeoutHandler.class);
        }
        log.debug("Registered {}", node);
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(new Alive2Reply(0, creation, extended).encode()))
            .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private static boolean isRegistration(Channel channel) {
        return channel.hasAttr(REGISTERED_NAME);
    }

    private static boolean isLoopback(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
    }

    private static void replyAndClose(ChannelHandlerContext ctx, byte[] reply) {
        ctx.writeAndFlush(ctx.alloc().buffer(reply.length).writeBytes(reply)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closing port mapper connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

}
