package io.gencluster.transport.tcp;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.gencluster.transport.Envelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EnvelopeCodecTests {

    private static final int MAX_FRAME_SIZE = 8192;

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

    @Test
    void roundTripsEveryKindWithHeadersAndPayload() {
        for (Envelope.Kind kind : Envelope.Kind.values()) {
            Envelope envelope = new Envelope(kind, -42L, "grüße/topic",
                    Map.of("traceparent", "00-abc-def-01", "gc-null", ""), new byte[] { 0, 1, (byte) 0xFF });
            assertThat(roundTrip(envelope)).isEqualTo(envelope);
        }
    }

    @Test
    void roundTripsAnEmptyPayloadAndTheLongestTopic() {
        Envelope envelope = new Envelope(Envelope.Kind.ONE_WAY, 0, "t".repeat(Envelope.MAX_TOPIC_BYTES), Map.of(),
                new byte[0]);
        assertThat(roundTrip(envelope)).isEqualTo(envelope);
    }

    @Test
    void frameSizeIsWhatTheEncoderWrites() {
        Envelope envelope = new Envelope(Envelope.Kind.REQUEST, 7, "size", Map.of("a", "bé"), new byte[100]);
        channel.writeOutbound(new Message.EnvelopeFrame(envelope));
        ByteBuf wire = drainOutbound();
        try {
            assertThat(wire.readableBytes() - FrameDecoder.LENGTH_FIELD_LENGTH)
                .isEqualTo(EnvelopeCodec.frameSize(envelope));
        }
        finally {
            wire.release();
        }
    }

    @Test
    void envelopesBeyondTheBoundsCannotBeMade() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new Envelope(Envelope.Kind.ONE_WAY, 0, "", Map.of(), new byte[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> new Envelope(Envelope.Kind.ONE_WAY, 0,
                "t".repeat(Envelope.MAX_TOPIC_BYTES + 1), Map.of(), new byte[0]));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= Envelope.MAX_HEADERS; i++) {
            many.put("h" + i, "v");
        }
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new Envelope(Envelope.Kind.ONE_WAY, 0, "t", many, new byte[0]));
        assertThatIllegalArgumentException().isThrownBy(() -> new Envelope(Envelope.Kind.ONE_WAY, 0, "t",
                Map.of("big", "x".repeat(Envelope.MAX_HEADER_BYTES)), new byte[0]));
    }

    /**
     * Fails if sixteen headers, or headers of exactly 4096 bytes in all, are refused (the
     * reader's bounds one below the writer's).
     */
    @Test
    void roundTripsTheMostHeadersOfTheMostBytes() {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < Envelope.MAX_HEADERS; i++) {
            headers.put("h" + (char) ('a' + i), "v".repeat(Envelope.MAX_HEADER_BYTES / Envelope.MAX_HEADERS - 2));
        }
        assertThat(Envelope.headerBytes(headers)).isEqualTo(Envelope.MAX_HEADER_BYTES);
        Envelope envelope = new Envelope(Envelope.Kind.REQUEST, 3, "t", headers, new byte[1]);
        assertThat(roundTrip(envelope)).isEqualTo(envelope);
    }

    @Test
    void rejectsAnUnknownKind() {
        ByteBuf body = Unpooled.buffer().writeByte(9).writeLong(1).writeByte(1).writeByte('t').writeByte(0).writeInt(0);
        assertRejected(body, "unknown envelope kind 9");
    }

    /**
     * Fails if the kind just past the last one is taken: it would index past the kinds
     * and throw an index error instead of a protocol error.
     */
    @Test
    void rejectsTheKindAfterTheLast() {
        int kind = Envelope.Kind.values().length;
        ByteBuf body = Unpooled.buffer()
            .writeByte(kind)
            .writeLong(1)
            .writeByte(1)
            .writeByte('t')
            .writeByte(0)
            .writeInt(0);
        assertRejected(body, "unknown envelope kind " + kind);
    }

    /**
     * Fails if any truncation of an envelope frame throws anything but a
     * {@link ProtocolException} (a length read before checking what is left would throw
     * an index error that names no frame).
     */
    @Test
    void everyTruncationOfAnEnvelopeIsAProtocolError() {
        ByteBuf whole = Unpooled.buffer();
        MessageCodec.write(new Message.EnvelopeFrame(
                new Envelope(Envelope.Kind.ONE_WAY, 8, "topic", Map.of("h", "v"), new byte[] { 1, 2 })), whole);
        try {
            for (int length = 1; length < whole.readableBytes(); length++) {
                ByteBuf truncated = whole.copy(0, length);
                assertThatExceptionOfType(ProtocolException.class).as("the first %d bytes", length)
                    .isThrownBy(() -> MessageCodec.read(truncated))
                    .withMessageContaining("truncated");
                truncated.release();
            }
        }
        finally {
            whole.release();
        }
    }

    @Test
    void rejectsAnEmptyTopic() {
        ByteBuf body = Unpooled.buffer().writeByte(0).writeLong(1).writeByte(0).writeByte(0).writeInt(0);
        assertRejected(body, "envelope without a topic");
    }

    @Test
    void rejectsATopicLongerThanTheFrame() {
        ByteBuf body = Unpooled.buffer().writeByte(0).writeLong(1).writeByte(200).writeBytes(new byte[10]);
        assertRejected(body, "truncated envelope topic");
    }

    @Test
    void rejectsMoreHeadersThanAllowedBeforeReadingThem() {
        ByteBuf body = topicOnly().writeByte(Envelope.MAX_HEADERS + 1);
        assertRejected(body, "17 headers, more than the 16 allowed");
    }

    @Test
    void rejectsHeadersLargerThanAllowedInAll() {
        ByteBuf body = topicOnly().writeByte(2);
        for (int i = 0; i < 2; i++) {
            writeString(body, "h" + i);
            writeString(body, "v".repeat(Envelope.MAX_HEADER_BYTES / 2));
        }
        body.writeInt(0);
        assertRejected(body, "envelope headers exceed 4096 bytes");
    }

    @Test
    void rejectsAPayloadLongerThanWhatIsLeft() {
        ByteBuf body = topicOnly().writeByte(0).writeInt(1000).writeBytes(new byte[10]);
        assertRejected(body, "truncated envelope payload: 1000 bytes claimed, 10 left");
    }

    @Test
    void rejectsANegativePayloadLength() {
        ByteBuf body = topicOnly().writeByte(0).writeInt(-1);
        assertRejected(body, "truncated envelope payload: -1 bytes claimed");
    }

    @Test
    void rejectsBytesAfterThePayload() {
        ByteBuf body = topicOnly().writeByte(0).writeInt(2).writeBytes(new byte[5]);
        assertRejected(body, "3 unexpected bytes after a envelope frame");
    }

    @Test
    void rejectsATruncatedHeader() {
        ByteBuf body = topicOnly().writeByte(1).writeShort(50).writeByte('x');
        assertRejected(body, "truncated string");
    }

    private static ByteBuf topicOnly() {
        return Unpooled.buffer().writeByte(1).writeLong(5).writeByte(1).writeByte('t');
    }

    private static void writeString(ByteBuf out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length).writeBytes(bytes);
    }

    private void assertRejected(ByteBuf body, String message) {
        ByteBuf frame = Unpooled.buffer()
            .writeInt(body.readableBytes() + 1)
            .writeByte(MessageCodec.ENVELOPE)
            .writeBytes(body);
        body.release();
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> channel.writeInbound(frame))
            .withMessageContaining(message);
    }

    private ByteBuf drainOutbound() {
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null;) {
            wire.writeBytes(part);
            part.release();
        }
        return wire;
    }

    private Envelope roundTrip(Envelope envelope) {
        assertThat(channel.writeOutbound(new Message.EnvelopeFrame(envelope))).isTrue();
        ByteBuf wire = drainOutbound();
        channel.writeInbound(wire);
        Message.EnvelopeFrame frame = channel.readInbound();
        return frame.envelope();
    }

}
