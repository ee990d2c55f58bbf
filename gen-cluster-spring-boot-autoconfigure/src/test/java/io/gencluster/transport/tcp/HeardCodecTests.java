package io.gencluster.transport.tcp;

import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import io.gencluster.NodeAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The indirect probe's frames ({@code HEARD_QUERY 0x31}, {@code HEARD_ANSWER 0x32}): a
 * few dozen bytes each, and any other shape is a protocol error, never another exception.
 */
class HeardCodecTests {

    /** Fails if a field is lost or reordered between writing and reading. */
    @Test
    void roundTripsAQuestionAndItsAnswers() {
        Message.HeardQuery query = new Message.HeardQuery(-7, NodeAddress.parse("b@10.0.0.6:4370"));
        Message.HeardQuery unnamed = new Message.HeardQuery(3, new NodeAddress(null, "fe80::1", 4371));
        for (Message message : new Message[] { query, unnamed, new Message.HeardAnswer(-7, 250),
                new Message.HeardAnswer(3, Message.HeardAnswer.NOT_HEARD) }) {
            ByteBuf frame = Unpooled.buffer();
            MessageCodec.write(message, frame);
            assertThat(MessageCodec.read(frame)).isEqualTo(message);
        }
    }

    /** Fails if the types move: they are part of the protocol. */
    @Test
    void usesTypes0x31And0x32() {
        ByteBuf query = Unpooled.buffer();
        MessageCodec.write(new Message.HeardQuery(1, NodeAddress.parse("10.0.0.6:4370")), query);
        ByteBuf answer = Unpooled.buffer();
        MessageCodec.write(new Message.HeardAnswer(1, 0), answer);
        assertThat(query.getByte(0)).isEqualTo((byte) 0x31);
        assertThat(answer.getByte(0)).isEqualTo((byte) 0x32);
    }

    /** Fails if a negative time other than "not heard" is taken as an answer. */
    @Test
    void rejectsAnAnswerHeardInTheFuture() {
        ByteBuf frame = Unpooled.buffer().writeByte(MessageCodec.HEARD_ANSWER).writeInt(1).writeLong(-2);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(frame))
            .withMessageContaining("-2 ms");
    }

    /** Fails if an address that is not one (port 0, empty host) is taken. */
    @Test
    void rejectsAQuestionAboutAnInvalidAddress() {
        ByteBuf frame = Unpooled.buffer().writeByte(MessageCodec.HEARD_QUERY).writeInt(1);
        MessageCodec.writeString(frame, "");
        MessageCodec.writeString(frame, "");
        frame.writeShort(0);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(frame));
    }

    /**
     * Fails if a member heard from exactly as long ago as the question allows does not
     * count as heard, or one heard a millisecond earlier does, or "not a member" counts.
     */
    @Test
    void anAnswerHeardExactlyAtTheBoundCountsAsHeard() {
        assertThat(new Message.HeardAnswer(1, 500).heardWithin(500)).isTrue();
        assertThat(new Message.HeardAnswer(1, 501).heardWithin(500)).isFalse();
        assertThat(new Message.HeardAnswer(1, Message.HeardAnswer.NOT_HEARD).heardWithin(500)).isFalse();
    }

    /** Fails if trailing bytes are ignored: they would smuggle data past the codec. */
    @Test
    void rejectsTrailingBytes() {
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(new Message.HeardAnswer(1, 5), frame);
        frame.writeByte(0);
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(frame));
    }

    /**
     * Fails if any truncation or random body of either type throws anything but a
     * {@link ProtocolException} (an index or argument error would escape the decoder's
     * handling).
     */
    @Test
    void everyTruncationAndRandomBodyIsAProtocolErrorOrAFrame() {
        ByteBuf whole = Unpooled.buffer();
        MessageCodec.write(new Message.HeardQuery(9, NodeAddress.parse("node-b@host.example:4370")), whole);
        for (int length = 1; length < whole.readableBytes(); length++) {
            ByteBuf truncated = whole.copy(0, length);
            assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> MessageCodec.read(truncated));
        }
        Random random = new Random(17);
        for (int round = 0; round < 20_000; round++) {
            byte[] body = new byte[random.nextInt(40)];
            random.nextBytes(body);
            ByteBuf frame = Unpooled.buffer()
                .writeByte(random.nextBoolean() ? MessageCodec.HEARD_QUERY : MessageCodec.HEARD_ANSWER)
                .writeBytes(body);
            Throwable failure = catchThrowable(() -> MessageCodec.read(frame));
            assertThat(failure).as("body %s", java.util.HexFormat.of().formatHex(body))
                .satisfiesAnyOf(thrown -> assertThat(thrown).isNull(),
                        thrown -> assertThat(thrown).isInstanceOf(ProtocolException.class));
        }
    }

}
