package io.gencluster.transport.tcp;

import java.util.LinkedHashMap;
import java.util.Map;

import io.gencluster.NodeMetadata;
import io.netty.buffer.ByteBuf;

/**
 * The fields of a {@link Message.Metadata} frame: the version (8 bytes), then the entries
 * as {@link NodeMetadata#encodedSize} counts them. A peer that sends more entries or
 * bytes than {@link NodeMetadata} allows is refused before anything more is read: during
 * the handshake that refuses the link, later it closes the link as a protocol error.
 */
final class MetadataCodec {

    private MetadataCodec() {
    }

    static void write(Message.Metadata metadata, ByteBuf out) {
        out.writeLong(metadata.version()).writeShort(metadata.entries().size());
        metadata.entries().forEach((key, value) -> {
            MessageCodec.writeString(out, key);
            MessageCodec.writeString(out, value);
        });
    }

    static Message.Metadata read(ByteBuf in) {
        MessageCodec.need(in, 10, "metadata");
        long version = in.readLong();
        int count = in.readUnsignedShort();
        if (count > NodeMetadata.MAX_ENTRIES || in.readableBytes() + 2 > NodeMetadata.MAX_ENCODED_BYTES) {
            throw ProtocolException.malformed(
                    "metadata of " + count + " entries in " + (in.readableBytes() + 2) + " bytes exceeds the bounds of "
                            + NodeMetadata.MAX_ENTRIES + " entries and " + NodeMetadata.MAX_ENCODED_BYTES + " bytes");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put(MessageCodec.readString(in), MessageCodec.readString(in));
        }
        if (entries.size() != count) {
            throw ProtocolException.malformed("metadata with a repeated key");
        }
        try {
            return new Message.Metadata(version, entries);
        }
        catch (IllegalArgumentException ex) {
            throw ProtocolException.malformed("invalid metadata: " + ex.getMessage());
        }
    }

}
