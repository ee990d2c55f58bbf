package io.gencluster.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import io.gencluster.NodeMetadata;
import io.gencluster.transport.PeerRejectedException;

/**
 * A metadata frame is read up to exactly the bounds {@link NodeMetadata} allows, and one
 * past them is refused with the count and size the peer claimed, before its entries are
 * read.
 */
class MetadataCodecTests {

    /** Fails if metadata with as many entries as allowed is refused. */
    @Test
    void readsAsManyEntriesAsAllowed() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < NodeMetadata.MAX_ENTRIES; i++) {
            entries.put("key-" + i, "value");
        }

        assertThat(roundTrip(new Message.Metadata(3, entries))).isEqualTo(new Message.Metadata(3, entries));
    }

    /** Fails if metadata of exactly the bytes allowed is refused. */
    @Test
    void readsMetadataOfExactlyTheBytesAllowed() {
        Map<String, String> entries = Map.of("big", "x".repeat(NodeMetadata.MAX_ENCODED_BYTES - 2 - 4 - 3));
        assertThat(NodeMetadata.encodedSize(entries)).isEqualTo(NodeMetadata.MAX_ENCODED_BYTES);

        assertThat(roundTrip(new Message.Metadata(1, entries))).isEqualTo(new Message.Metadata(1, entries));
    }

    /**
     * Fails if one byte past the bound is let through to the entries' own check, or the
     * refusal misstates the size.
     */
    @Test
    void refusesOneBytePastTheBoundNamingTheSize() {
        ByteBuf frame = frame(1);
        writeString(frame, "big");
        writeString(frame, "x".repeat(NodeMetadata.MAX_ENCODED_BYTES - 2 - 4 - 3 + 1));

        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(frame))
            .withMessage("metadata of 1 entries in 4097 bytes exceeds the bounds of 64 entries and 4096 bytes")
            .satisfies(ex -> assertThat(ex.reason()).isEqualTo(PeerRejectedException.Reason.PROTOCOL_ERROR));
    }

    /** Fails if a count past the bound is believed and entries are read for it. */
    @Test
    void refusesOneEntryPastTheBoundBeforeReadingAny() {
        ByteBuf frame = frame(NodeMetadata.MAX_ENTRIES + 1);

        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(frame))
            .withMessage("metadata of 65 entries in 2 bytes exceeds the bounds of 64 entries and 4096 bytes");
    }

    private static Message roundTrip(Message.Metadata metadata) {
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(metadata, frame);
        return MessageCodec.read(frame);
    }

    private static ByteBuf frame(int count) {
        return Unpooled.buffer().writeByte(MessageCodec.METADATA).writeLong(1).writeShort(count);
    }

    private static void writeString(ByteBuf frame, String text) {
        frame.writeShort(text.length()).writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

}
