package io.gencluster.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import io.gencluster.transport.PeerRejectedException;

/**
 * A peer's reject detail reaches the log escaped and cut short, so it cannot forge or
 * flood log lines.
 */
class PeerTextTests {

    /**
     * Fails if control characters pass through: a newline would start a forged log line.
     */
    @Test
    void escapesControlCharacters() {
        assertThat(PeerText.printable("bad cookie\n2026-01-01 INFO forged\u001b[2J"))
            .isEqualTo("bad cookie\\u000a2026-01-01 INFO forged\\u001b[2J");
    }

    /** Fails if long text is kept whole: one reject could fill a log with a megabyte. */
    @Test
    void cutsLongTextShort() {
        String shown = PeerText.printable("x".repeat(10_000));
        assertThat(shown).hasSize(PeerText.MAX_LENGTH + 3).endsWith("...");
        assertThat(PeerText.printable("x".repeat(PeerText.MAX_LENGTH))).isEqualTo("x".repeat(PeerText.MAX_LENGTH));
    }

    /** Fails if short or empty text is not shown as it is. */
    @Test
    void keepsShortTextAsItIs() {
        assertThat(PeerText.printable("")).isEmpty();
        assertThat(PeerText.printable("no")).isEqualTo("no");
    }

    /** Fails if the codec hands a reject's detail on as the peer wrote it. */
    @Test
    void aDecodedRejectCarriesPrintableText() {
        ByteBuf frame = Unpooled.buffer();
        MessageCodec.write(new Message.Reject(PeerRejectedException.Reason.AUTHENTICATION_FAILED,
                "no\r\nWARN forged " + "y".repeat(500)), frame);

        Message.Reject reject = (Message.Reject) MessageCodec.read(frame);

        assertThat(reject.detail()).startsWith("no\\u000d\\u000aWARN forged ")
            .doesNotContain("\n", "\r")
            .hasSize(PeerText.MAX_LENGTH + 3 + 10);
    }

}
