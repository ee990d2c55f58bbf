package io.gencluster.transport;

import java.util.HashMap;
import java.util.Map;

import io.gencluster.transport.Envelope.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An envelope is a value: its bounds are inclusive, and two envelopes of the same parts
 * are equal whatever arrays hold their payloads.
 */
class EnvelopeTests {

    @Test
    void takesExactlyTheMostHeadersAndRefusesOneMore() {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < Envelope.MAX_HEADERS; i++) {
            headers.put("h" + i, "v");
        }
        assertThat(new Envelope(Kind.ONE_WAY, 0, "t", headers, new byte[0]).headers()).hasSize(Envelope.MAX_HEADERS);
        headers.put("one-more", "v");
        assertThatIllegalArgumentException().isThrownBy(() -> new Envelope(Kind.ONE_WAY, 0, "t", headers, new byte[0]))
            .withMessage("17 headers are more than the 16 an envelope carries");
    }

    @Test
    void takesHeadersOfExactlyTheMostBytesAndRefusesOneMore() {
        String value = "é".repeat((Envelope.MAX_HEADER_BYTES - 4) / 2);
        Map<String, String> headers = Map.of("name", value);
        assertThat(Envelope.headerBytes(headers)).isEqualTo(Envelope.MAX_HEADER_BYTES);
        assertThat(new Envelope(Kind.ONE_WAY, 0, "t", headers, new byte[0]).headers()).isEqualTo(headers);
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new Envelope(Kind.ONE_WAY, 0, "t", Map.of("name", value + "x"), new byte[0]))
            .withMessage("Headers of 4097 bytes are more than the 4096 allowed");
    }

    @Test
    void envelopesOfTheSamePartsAreEqualAndHashAlike() {
        Envelope envelope = new Envelope(Kind.REQUEST, 7, "orders", Map.of("traceparent", "00-1"), new byte[] { 1, 2 });
        Envelope same = new Envelope(Kind.REQUEST, 7, "orders", Map.of("traceparent", "00-1"), new byte[] { 1, 2 });
        assertThat(envelope).isEqualTo(same);
        assertThat(envelope.hashCode()).isEqualTo(same.hashCode());
    }

    @Test
    void envelopesThatDifferInAnyPartAreNotEqual() {
        Envelope envelope = new Envelope(Kind.REQUEST, 7, "orders", Map.of("traceparent", "00-1"), new byte[] { 1, 2 });
        assertThat(envelope)
            .isNotEqualTo(new Envelope(Kind.ONE_WAY, 7, "orders", Map.of("traceparent", "00-1"), new byte[] { 1, 2 }))
            .isNotEqualTo(new Envelope(Kind.REQUEST, 8, "orders", Map.of("traceparent", "00-1"), new byte[] { 1, 2 }))
            .isNotEqualTo(new Envelope(Kind.REQUEST, 7, "invoices", Map.of("traceparent", "00-1"), new byte[] { 1, 2 }))
            .isNotEqualTo(new Envelope(Kind.REQUEST, 7, "orders", Map.of("traceparent", "00-2"), new byte[] { 1, 2 }))
            .isNotEqualTo(new Envelope(Kind.REQUEST, 7, "orders", Map.of("traceparent", "00-1"), new byte[] { 1, 3 }))
            .isNotEqualTo("orders");
    }

    @Test
    void theHashFollowsThePayloadsContent() {
        Envelope one = new Envelope(Kind.ONE_WAY, 0, "t", Map.of(), new byte[] { 1 });
        Envelope two = new Envelope(Kind.ONE_WAY, 0, "t", Map.of(), new byte[] { 2 });
        assertThat(one.hashCode()).isNotEqualTo(two.hashCode());
    }

    @Test
    void saysWhatItIsWithoutItsPayloadOrHeaderValues() {
        Envelope envelope = new Envelope(Kind.REQUEST, 7, "orders", Map.of("traceparent", "00-secret"),
                new byte[] { 1, 2, 3 });
        assertThat(envelope).hasToString("Envelope[REQUEST #7 'orders', 1 headers, 3 bytes]");
    }

}
