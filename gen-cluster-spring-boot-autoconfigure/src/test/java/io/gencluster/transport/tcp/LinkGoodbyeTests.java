package io.gencluster.transport.tcp;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link Link#sayGoodbye} on a real socket, with a plain blocking socket as the peer: the
 * goodbye, then the end of this side's output at once, then the close when the peer
 * closes, or when the linger ends.
 */
class LinkGoodbyeTests {

    private static final Duration LONG_LINGER = Duration.ofMinutes(1);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());

    LinkGoodbyeTests() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Fails if the output is not shut down once the goodbye is sent (the
     * {@code shutdownOutput()} in {@link Link#sayGoodbye}, or either of its two
     * conditions inverted): the peer then sees the end of the stream only when the linger
     * ends, a minute here, and a peer that reads until the end of the stream before it
     * closes holds the link (and a stopping node) for the whole linger.
     */
    @Test
    void thePeerReadsTheGoodbyeThenTheEndOfTheStreamWithoutWaitingForTheLinger() throws Exception {
        Link link = connect();
        try (Socket peer = server.accept()) {
            link.sayGoodbye(Message.Goodbye.Reason.SHUTDOWN, LONG_LINGER);

            RawPeer raw = RawPeer.of(peer);
            assertThat(raw.receive()).isEqualTo(new Message.Goodbye(Message.Goodbye.Reason.SHUTDOWN));
            peer.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            InputStream in = peer.getInputStream();
            assertThat(in.read()).as("end of stream, long before the linger").isEqualTo(-1);
            assertThat(link.channel.isOpen()).as("still reading until the peer closes").isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !link.channel.isOpen());
    }

    /**
     * Fails if a link whose peer never closes its end stays open after the linger: a stop
     * would wait on it for ever.
     */
    @Test
    void aPeerThatNeverClosesIsCutOffWhenTheLingerEnds() throws Exception {
        Link link = connect();
        try (Socket peer = server.accept()) {
            Channel channel = link.channel;

            link.sayGoodbye(Message.Goodbye.Reason.DISCONNECT, Duration.ofMillis(100));

            await().atMost(Duration.ofSeconds(10)).until(() -> !channel.isOpen());
        }
    }

    /**
     * A link dialled to the test's server socket that writes messages as plain frames.
     */
    private Link connect() {
        ClusterNode self = new ClusterNode(new NodeAddress("self", "127.0.0.1", 4370), 1, Instant.now(),
                ClusterNode.Direction.LOCAL);
        Channel channel = new Bootstrap().group(group)
            .channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    channel.pipeline().addLast(new LengthFieldPrepender(FrameDecoder.LENGTH_FIELD_LENGTH));
                    channel.pipeline().addLast(new MessageCodec(1024));
                }
            })
            .connect(server.getLocalSocketAddress())
            .syncUninterruptibly()
            .channel();
        return new Link(channel, ClusterNode.Direction.OUTBOUND, self, null);
    }

}
