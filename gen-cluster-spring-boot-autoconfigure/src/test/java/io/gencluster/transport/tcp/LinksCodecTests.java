package io.gencluster.transport.tcp;

import java.util.List;
import java.util.stream.IntStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import io.gencluster.NodeAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code LINKS} frame (type {@code 0x30}): a change in the members a member has links
 * to, bounded like a members frame before anything is allocated.
 */
class LinksCodecTests {

    /** Fails if a field is lost or reordered, or the two lists swapped. */
    @Test
    void roundTripsTheLinkedAndUnlinkedAddresses() {
        Message.Links links = new Message.Links(
                List.of(NodeAddress.parse("b@10.0.0.6:4370"), new NodeAddress(null, "fe80::1", 4371)),
                List.of(NodeAddress.parse("c@10.0.0.7:4370")));
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(links, frame);

        assertThat(frame.getByte(0)).isEqualTo((byte) 0x30);
        assertThat(MessageCodec.read(frame)).isEqualTo(links);
    }

    /** Fails if the count is trusted: a lie would allocate before reading. */
    @Test
    void rejectsACountLargerThanThePayload() {
        ByteBuf frame = Unpooled.buffer().writeByte(MessageCodec.LINKS).writeInt(1000);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(frame))
            .withMessageContaining("claims");
    }

    /** Fails if a links frame may carry more addresses than a members frame. */
    @Test
    void refusesMoreAddressesThanOneFrameCarriesBeforeReadingAny() {
        ByteBuf frame = Unpooled.buffer()
            .writeByte(MessageCodec.LINKS)
            .writeInt(MessageCodec.MAX_ANNOUNCED_ADDRESSES + 1);
        assertThatExceptionOfType(AnnouncementTooLargeException.class).isThrownBy(() -> MessageCodec.read(frame));
    }

    /**
     * Fails if this node could send a frame its peers must refuse: the bound counts both
     * lists together.
     */
    @Test
    void neverWritesMoreAddressesThanOneFrameCarries() {
        List<NodeAddress> half = IntStream.range(0, MessageCodec.MAX_ANNOUNCED_ADDRESSES / 2)
            .mapToObj(port -> new NodeAddress(null, "10.0.0.1", port + 1))
            .toList();
        List<NodeAddress> halfAndOne = IntStream.rangeClosed(0, MessageCodec.MAX_ANNOUNCED_ADDRESSES / 2)
            .mapToObj(port -> new NodeAddress(null, "10.0.0.2", port + 1))
            .toList();
        assertThatExceptionOfType(EncoderException.class)
            .isThrownBy(() -> MessageCodec.write(new Message.Links(half, halfAndOne), Unpooled.buffer()))
            .withMessageContaining("links frame");
    }

    /** Fails if trailing bytes after the list are ignored. */
    @Test
    void rejectsTrailingBytes() {
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(new Message.Links(List.of(), List.of()), frame);
        frame.writeByte(1);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(frame));
    }

}
