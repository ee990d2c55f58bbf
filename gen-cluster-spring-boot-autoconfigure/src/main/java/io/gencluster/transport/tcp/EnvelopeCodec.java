package io.gencluster.transport.tcp;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.gencluster.transport.Envelope;
import io.netty.buffer.ByteBuf;

/**
 * The body of an {@code ENVELOPE} frame: kind (1 byte), correlation id (8), topic (1-byte
 * length, UTF-8), header count (1 byte), each header as two strings, then the payload
 * behind a 4-byte length. Every count and length is checked against the bounds of
 * {@link Envelope} and against what is left before anything is allocated.
 */
final class EnvelopeCodec {

    /** Type, kind, correlation id, topic length, header count, payload length. */
    private static final int FIXED_BYTES = 1 + 1 + 8 + 1 + 1 + 4;

    private static final Envelope.Kind[] KINDS = Envelope.Kind.values();

    private EnvelopeCodec() {
    }

    /** The size of the whole frame (type byte included) an envelope makes. */
    static int frameSize(Envelope envelope) {
        long size = FIXED_BYTES + utf8Length(envelope.topic()) + (long) envelope.payload().length;
        for (Map.Entry<String, String> header : envelope.headers().entrySet()) {
            size += 4 + utf8Length(header.getKey()) + utf8Length(header.getValue());
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    static void write(Envelope envelope, ByteBuf out) {
        byte[] topic = envelope.topic().getBytes(StandardCharsets.UTF_8);
        out.writeByte(envelope.kind().ordinal()).writeLong(envelope.correlationId());
        out.writeByte(topic.length).writeBytes(topic);
        out.writeByte(envelope.headers().size());
        envelope.headers().forEach((name, value) -> {
            MessageCodec.writeString(out, name);
            MessageCodec.writeString(out, value);
        });
        out.writeInt(envelope.payload().length).writeBytes(envelope.payload());
    }

    static Envelope read(ByteBuf in) {
        MessageCodec.need(in, 10, "envelope");
        int kind = in.readUnsignedByte();
        if (kind >= KINDS.length) {
            throw ProtocolException.malformed("unknown envelope kind " + kind);
        }
        long correlationId = in.readLong();
        int topicLength = in.readUnsignedByte();
        if (topicLength == 0) {
            throw ProtocolException.malformed("envelope without a topic");
        }
        MessageCodec.need(in, topicLength, "envelope topic");
        String topic = in.readCharSequence(topicLength, StandardCharsets.UTF_8).toString();
        MessageCodec.need(in, 1, "envelope headers");
        int count = in.readUnsignedByte();
        if (count > Envelope.MAX_HEADERS) {
            throw ProtocolException
                .malformed("envelope with " + count + " headers, more than the " + Envelope.MAX_HEADERS + " allowed");
        }
        Map<String, String> headers = new HashMap<>(count * 2);
        int headerBytes = 0;
        for (int i = 0; i < count; i++) {
            String name = MessageCodec.readString(in);
            String value = MessageCodec.readString(in);
            headerBytes += utf8Length(name) + utf8Length(value);
            if (headerBytes > Envelope.MAX_HEADER_BYTES) {
                throw ProtocolException.malformed("envelope headers exceed " + Envelope.MAX_HEADER_BYTES + " bytes");
            }
            headers.put(name, value);
        }
        MessageCodec.need(in, 4, "envelope payload length");
        int length = in.readInt();
        if (length < 0 || length > in.readableBytes()) {
            throw ProtocolException
                .malformed("truncated envelope payload: " + length + " bytes claimed, " + in.readableBytes() + " left");
        }
        byte[] payload = new byte[length];
        in.readBytes(payload);
        try {
            return new Envelope(KINDS[kind], correlationId, topic, headers, payload);
        }
        catch (IllegalArgumentException ex) {
            throw ProtocolException.malformed("invalid envelope: " + ex.getMessage());
        }
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

}
