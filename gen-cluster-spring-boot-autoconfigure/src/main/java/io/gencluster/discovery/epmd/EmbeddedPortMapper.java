package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A port mapper inside a gen-cluster node, for hosts without epmd: speaks epmd's
 * {@code ALIVE2}, {@code PORT_PLEASE2} and {@code NAMES} requests on loopback only, on
 * one Netty thread. Plain Erlang nodes can register with it too. When it closes, every
 * registration connection drops, and the nodes of the host elect a new one by racing to
 * bind the port.
 */
public final class EmbeddedPortMapper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPortMapper.class);

    /**
     * Largest request accepted: an {@code ALIVE2_REQ} with the longest name and extra
     * epmd allows, and room.
     */
    private static final int MAX_REQUEST_BYTES = 4096;

    /** The most live registrations by default: far more nodes than one host runs. */
    public static final int DEFAULT_MAX_REGISTRATIONS = 256;

    /** A connection that has not registered must send its request within this time. */
    private static final int REQUEST_TIMEOUT_SECONDS = 10;

    private final EventLoopGroup group;

    private final ChannelGroup channels;

    private final ConcurrentMap<String, PortMapperHandler.Registered> nodes;

    private final PortMapperHandler handler;

    private final InetSocketAddress address;

    private EmbeddedPortMapper(EventLoopGroup group, ChannelGroup channels,
            ConcurrentMap<String, PortMapperHandler.Registered> nodes, PortMapperHandler handler,
            InetSocketAddress address) {
        this.group = group;
        this.channels = channels;
        this.nodes = nodes;
        this.handler = handler;
        this.address = address;
    }

    /**
     * Binds a port mapper to {@code 127.0.0.1:port}.
     * @param port the port, 0 for any free one (tests)
     * @param maxRegistrations the most registrations live at once; more are refused with
     * epmd's error reply
     * @return the running port mapper
     * @throws BindException when the port is taken: another port mapper won
     * @throws IOException when the port mapper cannot start for another reason
     */
    public static EmbeddedPortMapper start(int port, int maxRegistrations) throws IOException {
        if (maxRegistrations < 1) {
            throw new IllegalArgumentException(
                    "The port mapper must keep at least 1 registration, got " + maxRegistrations);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("gen-cluster-port-mapper", true), NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup("gen-cluster-port-mapper", GlobalEventExecutor.INSTANCE);
        ConcurrentMap<String, PortMapperHandler.Registered> nodes = new ConcurrentHashMap<>();
        PortMapperHandler handler = new PortMapperHandler(nodes, maxRegistrations);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        ChannelFuture bound = new ServerBootstrap().group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {

                @Override
                protected void initChannel(SocketChannel channel) {
                    channels.add(channel);
                    channel.pipeline()
                        .addLast(new ReadTimeoutHandler(REQUEST_TIMEOUT_SECONDS))
                        .addLast(new LengthFieldBasedFrameDecoder(MAX_REQUEST_BYTES, 0, 2, 0, 2))
                        .addLast(handler);
                }
            })
            .bind(loopback, port)
            .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            Throwable cause = bound.cause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start the embedded port mapper on 127.0.0.1:" + port + ": " + cause, cause);
        }
        Channel server = bound.channel();
        channels.add(server);
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        log.info("Started the embedded port mapper on 127.0.0.1:{}", address.getPort());
        return new EmbeddedPortMapper(group, channels, nodes, handler, address);
    }

    /** The port it listens on. */
    public int port() {
        return address.getPort();
    }

    /** The names registered now, sorted. */
    public Set<String> names() {
        return new TreeSet<>(nodes.keySet());
    }

    /**
     * How many registrations were refused because the port mapper kept as many as it may.
     */
    public long refusedRegistrations() {
        return handler.refusedRegistrations();
    }

    /**
     * Stops listening and drops every registration: the nodes that held one register
     * elsewhere.
     */
    @Override
    public void close() {
        channels.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        log.info("Stopped the embedded port mapper on 127.0.0.1:{}", port());
    }

}
