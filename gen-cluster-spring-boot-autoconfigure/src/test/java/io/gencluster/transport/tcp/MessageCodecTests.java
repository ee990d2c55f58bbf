package io.gencluster.transport.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.PeerRejectedException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MessageCodecTests {

    private static final int MAX_FRAME_SIZE = 4096;

    private final FrameDecoder frameDecoder = new FrameDecoder();

    private final EmbeddedChannel channel = new EmbeddedChannel(frameDecoder,
            new LengthFieldPrepender(FrameDecoder.LENGTH_FIELD_LENGTH), new MessageCodec(MAX_FRAME_SIZE));

    @BeforeEach
    void authenticate() {
        frameDecoder.authenticated(MAX_FRAME_SIZE);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    static Stream<Message> everyMessageType() {
        byte[] noise = new byte[48];
        noise[0] = 7;
        noise[47] = (byte) 0xFF;
        return Stream.of(new Message.Handshake(MessageCodec.PROTOCOL_VERSION, noise),
                new Message.Handshake(MessageCodec.PROTOCOL_VERSION, new byte[0]), new Message.Confirm(),
                new Message.Reject(PeerRejectedException.Reason.AUTHENTICATION_FAILED, "cookie mismatch"),
                new Message.Heartbeat(123_456_789L, -5L, 1_000L),
                new Message.Heartbeat(-1L, 0L, Message.Heartbeat.NOTHING_ECHOED),
                new Message.Heartbeat(Message.Heartbeat.NO_PROBE, 42L, 7L), new Message.Tick(),
                new Message.Reject(PeerRejectedException.Reason.DUPLICATE_LINK, "b@10.0.0.2:4370"),
                new Message.Members(
                        List.of(new NodeAddress("a", "10.0.0.1", 4370), new NodeAddress("b", "host.example", 1)),
                        List.of()),
                new Message.Members(List.of(new NodeAddress(null, "fe80::1", 4370)),
                        List.of(new NodeAddress("c", "10.0.0.3", 4371))),
                new Message.Members(List.of(), List.of()), new Message.Goodbye(Message.Goodbye.Reason.SHUTDOWN),
                new Message.Goodbye(Message.Goodbye.Reason.DISCONNECT),
                new Message.Goodbye(Message.Goodbye.Reason.DUPLICATE), new Message.Metadata(0, Map.of()),
                new Message.Metadata(7, Map.of("web-port", "8080", "zone", "été")));
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void roundTripsEveryMessageType(Message message) {
        assertThat(channel.writeOutbound(message)).isTrue();
        ByteBuf wire = drainOutbound();
        assertThat(wire.getInt(0)).isEqualTo(wire.readableBytes() - 4);
        channel.writeInbound(wire);
        assertThat((Object) channel.readInbound()).isEqualTo(message);
    }

    @Test
    void rejectsOversizeFrameHeaderBeforeReadingThePayload() {
        ByteBuf header = Unpooled.buffer().writeInt(0x8000_0000).writeByte(MessageCodec.HEARTBEAT);
        assertThatExceptionOfType(TooLongFrameException.class).isThrownBy(() -> channel.writeInbound(header));
    }

    @Test
    void rejectsFrameJustOverTheMaximum() {
        ByteBuf frame = Unpooled.buffer().writeInt(MAX_FRAME_SIZE + 1).writeZero(MAX_FRAME_SIZE + 1);
        assertThatExceptionOfType(TooLongFrameException.class).isThrownBy(() -> channel.writeInbound(frame));
    }

    @Test
    void refusesToEncodeFrameOverTheMaximum() {
        List<NodeAddress> many = new ArrayList<>(Collections.nCopies(1000, new NodeAddress("n", "host.example", 1)));
        assertThatExceptionOfType(EncoderException.class)
            .isThrownBy(() -> channel.writeOutbound(new Message.Members(many, List.of())))
            .withMessageContaining("exceeds the maximum frame size");
    }

    @Test
    void waitsForTheRestOfATruncatedFrame() {
        ByteBuf part = Unpooled.buffer().writeInt(25).writeByte(MessageCodec.HEARTBEAT).writeInt(1);
        assertThat(channel.writeInbound(part)).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
        ByteBuf rest = Unpooled.buffer().writeInt(2).writeLong(3).writeLong(4);
        channel.writeInbound(rest);
        assertThat((Object) channel.readInbound()).isEqualTo(new Message.Heartbeat(0x1_0000_0002L, 3, 4));
    }

    @Test
    void rejectsTruncatedPayload() {
        ByteBuf frame = Unpooled.buffer().writeInt(3).writeByte(MessageCodec.HEARTBEAT).writeShort(1);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> channel.writeInbound(frame))
            .withMessageContaining("truncated timestamp");
    }

    @Test
    void rejectsStringLongerThanTheFrame() {
        ByteBuf frame = Unpooled.buffer().writeInt(3).writeByte(MessageCodec.GOODBYE).writeShort(500);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> channel.writeInbound(frame))
            .withMessageContaining("truncated string");
    }

    @Test
    void rejectsMembersCountLargerThanThePayload() {
        ByteBuf frame = Unpooled.buffer().writeInt(5).writeByte(MessageCodec.MEMBERS).writeInt(1000);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> channel.writeInbound(frame))
            .withMessageContaining("claims");
    }

    @Test
    void refusesMoreAddressesThanOneFrameCarriesBeforeReadingAny() {
        ByteBuf frame = Unpooled.buffer().writeInt(5).writeByte(MessageCodec.MEMBERS).writeInt(Integer.MAX_VALUE);
        assertThatExceptionOfType(AnnouncementTooLargeException.class).isThrownBy(() -> channel.writeInbound(frame))
            .withMessageContaining("2147483647 addresses");
    }

    @Test
    void countsJoinedAndLeftTogetherAgainstTheBound() {
        ByteBuf frame = Unpooled.buffer()
            .writeInt(9)
            .writeByte(MessageCodec.MEMBERS)
            .writeInt(0)
            .writeInt(MessageCodec.MAX_ANNOUNCED_ADDRESSES + 1);
        assertThatExceptionOfType(AnnouncementTooLargeException.class).isThrownBy(() -> channel.writeInbound(frame));
    }

    @Test
    void neverWritesMoreAddressesThanOneFrameCarries() {
        List<NodeAddress> tooMany = IntStream.rangeClosed(0, MessageCodec.MAX_ANNOUNCED_ADDRESSES)
            .mapToObj(port -> new NodeAddress(null, "10.0.0.1", port))
            .toList();
        assertThatExceptionOfType(EncoderException.class)
            .isThrownBy(() -> channel.writeOutbound(new Message.Members(tooMany, List.of())));
    }

    @Test
    void rejectsUnknownFrameType() {
        ByteBuf frame = Unpooled.buffer().writeInt(1).writeByte(99);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> channel.writeInbound(frame))
            .withMessageContaining("unknown frame type 99");
    }

    @Test
    void rejectsEmptyFrame() {
        ByteBuf frame = Unpooled.buffer().writeInt(0);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> channel.writeInbound(frame))
            .withMessageContaining("empty frame");
    }

    @Test
    void rejectsTrailingBytes() {
        ByteBuf frame = Unpooled.buffer()
            .writeInt(26)
            .writeByte(MessageCodec.HEARTBEAT)
            .writeLong(1)
            .writeLong(2)
            .writeLong(3)
            .writeByte(0);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> channel.writeInbound(frame))
            .withMessageContaining("unexpected bytes");
    }

    @Test
    void rejectsHandshakeWithoutMagic() {
        ByteBuf frame = Unpooled.buffer()
            .writeInt(6)
            .writeByte(MessageCodec.HANDSHAKE)
            .writeInt(0x48545450)
            .writeByte(1);
        ProtocolException failure = catchProtocolException(frame);
        assertThat(failure.reason()).isEqualTo(PeerRejectedException.Reason.PROTOCOL_ERROR);
        assertThat(failure).hasMessageContaining("not a gen-cluster node");
    }

    @Test
    void reportsAnotherProtocolVersionAsSuch() {
        int next = MessageCodec.PROTOCOL_VERSION + 1;
        channel.writeOutbound(new Message.Handshake(next, new byte[48]));
        ProtocolException failure = catchProtocolException(drainOutbound());
        assertThat(failure.reason()).isEqualTo(PeerRejectedException.Reason.PROTOCOL_VERSION);
        assertThat(failure).hasMessageContaining("protocol version " + next);
    }

    @Test
    void readsAVersionTwoHelloAsAnotherVersion() {
        ByteBuf frame = Unpooled.buffer()
            .writeInt(7)
            .writeByte(MessageCodec.HANDSHAKE)
            .writeInt(MessageCodec.MAGIC)
            .writeByte(2)
            .writeByte(0);
        ProtocolException failure = catchProtocolException(frame);
        assertThat(failure.reason()).isEqualTo(PeerRejectedException.Reason.PROTOCOL_VERSION);
        assertThat(failure).hasMessageContaining(
                "the peer speaks protocol version 2, this node speaks " + MessageCodec.PROTOCOL_VERSION);
    }

    @Test
    void roundTripsAnIdentity() {
        ClusterNode node = new ClusterNode(new NodeAddress("nöde", "fe80::1", 65535), -1L, Instant.now(),
                ClusterNode.Direction.LOCAL);
        ClusterNode read = MessageCodec.readIdentity(MessageCodec.writeIdentity(node), ClusterNode.Direction.INBOUND);
        assertThat(read.address()).isEqualTo(node.address());
        assertThat(read.isSameIncarnation(node)).isTrue();
        assertThat(read.direction()).isEqualTo(ClusterNode.Direction.INBOUND);
    }

    @Test
    void rejectsAnIdentityWithTrailingBytes() {
        ClusterNode node = new ClusterNode(new NodeAddress("n", "h", 1), 1, Instant.now(), ClusterNode.Direction.LOCAL);
        byte[] identity = MessageCodec.writeIdentity(node);
        byte[] longer = Arrays.copyOf(identity, identity.length + 1);
        assertThatExceptionOfType(ProtocolException.class)
            .isThrownBy(() -> MessageCodec.readIdentity(longer, ClusterNode.Direction.INBOUND))
            .withMessageContaining("unexpected bytes after an identity");
    }

    @Test
    void refusesToEncodeAHandshakeFrameLargerThanThePeerAcceptsBeforeAuthentication() {
        assertThatExceptionOfType(EncoderException.class)
            .isThrownBy(() -> channel.writeOutbound(
                    new Message.Handshake(MessageCodec.PROTOCOL_VERSION, new byte[FrameDecoder.MAX_HANDSHAKE_FRAME])))
            .withMessageContaining("exceeds the maximum frame size of " + FrameDecoder.MAX_HANDSHAKE_FRAME);
    }

    @Test
    void acceptsOnlyHandshakeSizedFramesBeforeAuthentication() {
        EmbeddedChannel fresh = new EmbeddedChannel(new FrameDecoder());
        ByteBuf largest = Unpooled.buffer()
            .writeInt(FrameDecoder.MAX_HANDSHAKE_FRAME)
            .writeZero(FrameDecoder.MAX_HANDSHAKE_FRAME);
        assertThat(fresh.writeInbound(largest)).isTrue();
        ((ByteBuf) fresh.readInbound()).release();
        ByteBuf header = Unpooled.buffer().writeInt(FrameDecoder.MAX_HANDSHAKE_FRAME + 1);
        assertThatExceptionOfType(TooLongFrameException.class).isThrownBy(() -> fresh.writeInbound(header))
            .withMessageContaining("before authentication");
        fresh.finishAndReleaseAll();
    }

    @Test
    void rejectsUnknownGoodbyeReason() {
        ByteBuf frame = Unpooled.buffer()
            .writeInt(6)
            .writeByte(MessageCodec.GOODBYE)
            .writeShort(3)
            .writeBytes("BYE".getBytes());
        assertThat(catchProtocolException(frame)).hasMessageContaining("unknown Reason 'BYE'");
    }

    private ProtocolException catchProtocolException(ByteBuf frame) {
        try {
            channel.writeInbound(frame);
        }
        catch (ProtocolException ex) {
            return ex;
        }
        throw new AssertionError("expected a protocol exception");
    }

    private ByteBuf drainOutbound() {
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null;) {
            wire.writeBytes(part);
            part.release();
        }
        return wire;
    }

    /**
     * Fails if any read of a field skips its length check: the cut frame then fails with
     * an index error instead of a protocol error (which closes the link with a reason).
     */
    @ParameterizedTest
    @MethodSource("everyMessageType")
    void everyCutOfAFrameIsAProtocolError(Message message) {
        ByteBuf whole = Unpooled.buffer();
        MessageCodec.write(message, whole);
        // A handshake's noise bytes run to the end of the frame: only its header can be
        // cut short.
        int cuttable = message instanceof Message.Handshake ? 1 + 5 : whole.readableBytes();
        for (int length = 1; length < cuttable; length++) {
            ByteBuf cut = whole.copy(0, length);
            assertThatExceptionOfType(ProtocolException.class).as("%s cut to %d bytes", message, length)
                .isThrownBy(() -> MessageCodec.read(cut));
            cut.release();
        }
        whole.release();
    }

    /** Fails if a field of an identity is read without its length check. */
    @Test
    void everyCutOfAnIdentityIsAProtocolError() {
        byte[] identity = MessageCodec.writeIdentity(new ClusterNode(new NodeAddress("node", "10.0.0.1", 4370), 7,
                Instant.now(), ClusterNode.Direction.LOCAL));
        for (int length = 0; length < identity.length; length++) {
            byte[] cut = Arrays.copyOf(identity, length);
            assertThatExceptionOfType(ProtocolException.class).as("cut to %d bytes", length)
                .isThrownBy(() -> MessageCodec.readIdentity(cut, ClusterNode.Direction.INBOUND));
        }
    }

    /**
     * Fails if the bound on addresses is off by one, when writing or reading, or joined
     * and left are not counted together.
     */
    @Test
    void aMembersFrameOfExactlyTheBoundIsWrittenAndRead() {
        List<NodeAddress> all = IntStream.range(0, MessageCodec.MAX_ANNOUNCED_ADDRESSES)
            .mapToObj(port -> new NodeAddress(null, "h", port + 1))
            .toList();
        Message.Members split = new Message.Members(all.subList(0, 1000), all.subList(1000, all.size()));
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(split, frame);
        assertThat(MessageCodec.read(frame)).isEqualTo(split);

        ByteBuf oneMore = Unpooled.buffer().writeByte(MessageCodec.MEMBERS);
        writeAddresses(oneMore, 1000);
        writeAddresses(oneMore, MessageCodec.MAX_ANNOUNCED_ADDRESSES - 1000 + 1);
        assertThatExceptionOfType(AnnouncementTooLargeException.class).isThrownBy(() -> MessageCodec.read(oneMore));
    }

    /**
     * Fails if the check that a count fits the bytes left is weakened (each address takes
     * six bytes at least).
     */
    @Test
    void aCountThatCannotFitTheBytesLeftIsALie() {
        ByteBuf frame = Unpooled.buffer().writeByte(MessageCodec.MEMBERS).writeInt(200).writeZero(6 * 199);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(frame))
            .withMessageContaining("claims 200 addresses");
    }

    /**
     * Fails if the longest string the format carries is refused (a reject's detail is
     * then shown cut short).
     */
    @Test
    void aStringOfTheLongestLengthIsWrittenAndRead() {
        String detail = "d".repeat(0xFFFF);
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(new Message.Reject(PeerRejectedException.Reason.PROTOCOL_ERROR, detail), frame);
        assertThat(MessageCodec.read(frame))
            .isEqualTo(new Message.Reject(PeerRejectedException.Reason.PROTOCOL_ERROR, PeerText.printable(detail)));
        assertThatExceptionOfType(EncoderException.class).isThrownBy(() -> MessageCodec.write(
                new Message.Reject(PeerRejectedException.Reason.PROTOCOL_ERROR, "d".repeat(0x10000)),
                Unpooled.buffer()));
    }

    /** Writes a count and that many short nameless addresses, as the codec would. */
    private static void writeAddresses(ByteBuf out, int count) {
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeShort(0).writeShort(1).writeByte('h').writeShort(i + 1);
        }
    }

    /** Fails if a handshake's equality or hash ignores the bytes or the version. */
    @Test
    void handshakesAreEqualByVersionAndBytes() {
        Message.Handshake one = new Message.Handshake(1, new byte[] { 1, 2 });
        assertThat(one).isEqualTo(new Message.Handshake(1, new byte[] { 1, 2 }))
            .hasSameHashCodeAs(new Message.Handshake(1, new byte[] { 1, 2 }))
            .isNotEqualTo(new Message.Handshake(1, new byte[] { 1, 3 }))
            .isNotEqualTo(new Message.Handshake(2, new byte[] { 1, 2 }))
            .hasToString("Handshake[v1, 2 bytes]");
        assertThat(one.hashCode()).isNotEqualTo(new Message.Handshake(1, new byte[] { 1, 3 }).hashCode());
    }

    /**
     * Fails if a round trip of zero, or a hold of exactly the elapsed time, measures
     * nothing.
     */
    @Test
    void aRoundTripMayBeZero() {
        assertThat(new Message.Heartbeat(0, 1_000, 0).roundTrip(1_000)).contains(Duration.ZERO);
        assertThat(new Message.Heartbeat(0, 1_000, 500).roundTrip(1_500)).contains(Duration.ZERO);
        assertThat(new Message.Heartbeat(0, 1_000, 0).roundTrip(1_001)).contains(Duration.ofNanos(1));
    }

}
