package io.gencluster.transport.tcp;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both roles of the handshake on {@link EmbeddedChannel}s, bytes handed across by the
 * test.
 */
class HandshakeHandlerTests {

    private static final Psk PSK = Psk.fromCookie(TestCookies.SHARED);

    private final TcpTransportSettings settings = TestTransports.settings("unit");

    private final EmbeddedChannel loop = new EmbeddedChannel();

    private final RecordingTransportListener diallerSaw = new RecordingTransportListener();

    private final RecordingTransportListener acceptorSaw = new RecordingTransportListener();

    private final LinkRegistry diallerRegistry = new LinkRegistry(diallerSaw, false, loop.eventLoop());

    private final LinkRegistry acceptorRegistry = new LinkRegistry(acceptorSaw, false, loop.eventLoop());

    private final ClusterNode dialler = node("dialler", 1);

    private final ClusterNode acceptor = node("acceptor", 2);

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    private Link diallerLink;

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        loop.finishAndReleaseAll();
    }

    @Test
    void framesCutInTheSameReadAsTheConfirmAreOpenedWithTheKeysAndMayBeLarge() {
        EmbeddedChannel dialling = dialling();
        EmbeddedChannel accepting = accepting();
        ByteBuf first = drain(dialling);
        assertThat(drain(accepting).readableBytes()).as("acceptor bytes before message 1").isZero();

        accepting.writeInbound(first);
        dialling.writeInbound(drain(accepting));
        List<NodeAddress> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new NodeAddress("member-" + i, "10.0.0." + i, 4370));
        }
        diallerLink.send(new Message.Members(many, List.of()));
        ByteBuf confirmAndMembers = drain(dialling);
        assertThat(confirmAndMembers.readableBytes()).isGreaterThan(FrameDecoder.MAX_HANDSHAKE_FRAME);
        accepting.writeInbound(confirmAndMembers);

        assertThat(diallerSaw.members()).singleElement()
            .satisfies(member -> assertThat(member.isSameIncarnation(acceptor)).isTrue());
        assertThat(acceptorSaw.members()).singleElement()
            .satisfies(member -> assertThat(member.isSameIncarnation(dialler)).isTrue());
        assertThat(acceptorSaw.announcedBy(acceptorSaw.members().iterator().next())).contains(Set.copyOf(many));
        for (EmbeddedChannel channel : List.of(dialling, accepting)) {
            assertThat(channel.pipeline().get(HandshakeHandler.class)).as("handshake handler left").isNull();
            assertThat(channel.pipeline().names()).containsSubsequence(LinkInitializer.CIPHER, LinkInitializer.CODEC);
        }
    }

    @Test
    void theAcceptorTakesNoLinkOnMessageOneAlone() {
        EmbeddedChannel accepting = accepting();
        accepting.writeInbound(drain(dialling()));

        assertThat(drain(accepting).readableBytes()).as("message 2").isPositive();
        assertThat(acceptorSaw.events()).isEmpty();
        assertThat(accepting.pipeline().get(HandshakeHandler.class)).isNotNull();
    }

    private EmbeddedChannel dialling() {
        EmbeddedChannel channel = new EmbeddedChannel(pipeline(link -> {
            diallerLink = link;
            return new DiallingHandshakeHandler(link, dialler, PSK, settings, diallerRegistry,
                    new CompletableFuture<>());
        }, ClusterNode.Direction.OUTBOUND, dialler, diallerRegistry));
        channels.add(channel);
        return channel;
    }

    private EmbeddedChannel accepting() {
        HandshakeAdmission admission = new HandshakeAdmission(4, 4);
        EmbeddedChannel channel = new EmbeddedChannel(pipeline(
                link -> new AcceptingHandshakeHandler(link, acceptor, PSK, settings, acceptorRegistry, admission,
                        admission.admit(InetAddress.getLoopbackAddress())),
                ClusterNode.Direction.INBOUND, acceptor, acceptorRegistry));
        channels.add(channel);
        return channel;
    }

    /**
     * The pipeline {@link LinkInitializer} builds, without TLS, idle detection and
     * heartbeats.
     */
    private ChannelHandler pipeline(Function<Link, HandshakeHandler> handshake, ClusterNode.Direction direction,
            ClusterNode self, LinkRegistry registry) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                Link link = new Link(channel, direction, self);
                channel.pipeline().addLast("frameDecoder", new FrameDecoder());
                channel.pipeline().addLast("frameEncoder", new LengthFieldPrepender(FrameDecoder.LENGTH_FIELD_LENGTH));
                channel.pipeline().addLast(LinkInitializer.CODEC, new MessageCodec(settings.maxFrameSize()));
                channel.pipeline().addLast("handshake", handshake.apply(link));
                channel.pipeline().addLast("link", new LinkHandler(link, registry));
            }
        };
    }

    /**
     * Everything a channel wrote, as one buffer: what one read at the other end would
     * see.
     */
    private static ByteBuf drain(EmbeddedChannel channel) {
        ByteBuf bytes = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null;) {
            bytes.writeBytes(part);
            part.release();
        }
        return bytes;
    }

    private static ClusterNode node(String name, long incarnation) {
        return new ClusterNode(new NodeAddress(name, "127.0.0.1", 4370), incarnation, Instant.now(),
                ClusterNode.Direction.LOCAL);
    }

}
