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
 * The {@code LINKS} frame (type {@code 0x30}): a member's list of the members it has
 * links to, bounded like a members frame before anything is allocated.
 */
class LinksCodecTests {

    /** Fails if a field is lost or reordered between writing and reading. */
    @Test
    void roundTripsTheLinkedAddresses() {
        Message.Links links = new Message.Links(
                List.of(NodeAddress.parse("b@10.0.0.6:4370"), new NodeAddress(null, "fe80::1", 4371)));
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

    /** Fails if this node could send a frame its peers must refuse. */
    @Test
    void neverWritesMoreAddressesThanOneFrameCarries() {
        List<NodeAddress> tooMany = IntStream.rangeClosed(0, MessageCodec.MAX_ANNOUNCED_ADDRESSES)
            .mapToObj(port -> new NodeAddress(null, "10.0.0.1", port))
            .toList();
        assertThatExceptionOfType(EncoderException.class)
            .isThrownBy(() -> MessageCodec.write(new Message.Links(tooMany), Unpooled.buffer()));
    }

    /** Fails if trailing bytes after the list are ignored. */
    @Test
    void rejectsTrailingBytes() {
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(new Message.Links(List.of()), frame);
        frame.writeByte(1);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(frame));
    }

}
