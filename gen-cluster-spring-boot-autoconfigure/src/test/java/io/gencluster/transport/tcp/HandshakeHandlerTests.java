package io.gencluster.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.gencluster.NodeAddress;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.gencluster.transport.tcp.EmbeddedNodes.drain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both roles of the handshake on {@link EmbeddedChannel}s, bytes handed across by the
 * test.
 */
class HandshakeHandlerTests {

    private final EmbeddedNodes nodes = new EmbeddedNodes();

    private final Node dialler = nodes.node("dialler", 4370, 1);

    private final Node acceptor = nodes.node("acceptor", 4370, 2);

    @AfterEach
    void close() {
        nodes.close();
    }

    @Test
    void framesCutInTheSameReadAsTheConfirmAreOpenedWithTheKeysAndMayBeLarge() {
        Connection connection = nodes.connect(dialler, acceptor);
        ByteBuf first = drain(connection.dialling());
        assertThat(drain(connection.accepting()).readableBytes()).as("acceptor bytes before message 1").isZero();

        connection.accepting().writeInbound(first);
        connection.toDialler();
        List<NodeAddress> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new NodeAddress("member-" + i, "10.0.0." + i, 4370));
        }
        connection.diallerLink().send(new Message.Members(many, List.of()));
        ByteBuf confirmAndMembers = drain(connection.dialling());
        assertThat(confirmAndMembers.readableBytes()).isGreaterThan(FrameDecoder.MAX_HANDSHAKE_FRAME);
        connection.accepting().writeInbound(confirmAndMembers);

        RecordingTransportListener diallerSaw = dialler.listener();
        RecordingTransportListener acceptorSaw = acceptor.listener();
        assertThat(diallerSaw.members()).singleElement()
            .satisfies(member -> assertThat(member.isSameIncarnation(acceptor.self())).isTrue());
        assertThat(acceptorSaw.members()).singleElement()
            .satisfies(member -> assertThat(member.isSameIncarnation(dialler.self())).isTrue());
        assertThat(acceptorSaw.announcedBy(acceptorSaw.members().iterator().next())).contains(Set.copyOf(many));
        for (EmbeddedChannel channel : List.of(connection.dialling(), connection.accepting())) {
            assertThat(channel.pipeline().get(HandshakeHandler.class)).as("handshake handler left").isNull();
            assertThat(channel.pipeline().names()).containsSubsequence(LinkInitializer.CIPHER, LinkInitializer.CODEC);
        }
    }

    @Test
    void theAcceptorTakesNoLinkOnMessageOneAlone() {
        Connection connection = nodes.connect(dialler, acceptor);
        connection.toAcceptor();

        assertThat(drain(connection.accepting()).readableBytes()).as("message 2").isPositive();
        assertThat(acceptor.listener().events()).isEmpty();
        assertThat(connection.accepting().pipeline().get(HandshakeHandler.class)).isNotNull();
    }

}
