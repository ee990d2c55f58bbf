package io.gencluster.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * An application message as a transport carries it: what kind it is, the correlation id
 * that pairs a reply with its request, the topic, a few headers (trace context) and the
 * payload's bytes. The bounds are part of the protocol: a transport refuses to send and
 * to accept envelopes beyond them.
 *
 * @param kind one-way, request or reply
 * @param correlationId pairs a reply with its request (0 for a one-way message)
 * @param topic which handler takes it: 1 to {@link #MAX_TOPIC_BYTES} bytes of UTF-8
 * @param headers at most {@link #MAX_HEADERS}, names and values together at most
 * {@link #MAX_HEADER_BYTES} bytes of UTF-8
 * @param payload the encoded payload
 */
public record Envelope(Kind kind, long correlationId, String topic, Map<String, String> headers, byte[] payload) {

    /** The longest topic, in bytes of UTF-8. */
    public static final int MAX_TOPIC_BYTES = 255;

    /** The most headers one envelope carries. */
    public static final int MAX_HEADERS = 16;

    /** The most bytes (UTF-8) of all header names and values of one envelope together. */
    public static final int MAX_HEADER_BYTES = 4096;

    /** What an envelope is. */
    public enum Kind {

        /** A message that expects no reply. */
        ONE_WAY,
        /** A request: the receiver answers with a reply of the same correlation id. */
        REQUEST,
        /** The handler's answer to a request. */
        REPLY_OK,
        /** A request that was not answered: the headers say why. */
        REPLY_FAILURE

    }

    /** Checks the parts against the bounds and copies the headers. */
    public Envelope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        int topicBytes = topic.getBytes(StandardCharsets.UTF_8).length;
        if (topicBytes == 0 || topicBytes > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException(
                    "A topic must have 1 to " + MAX_TOPIC_BYTES + " bytes of UTF-8, not " + topicBytes);
        }
        headers = Map.copyOf(headers);
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException(
                    headers.size() + " headers are more than the " + MAX_HEADERS + " an envelope carries");
        }
        int headerBytes = headerBytes(headers);
        if (headerBytes > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "Headers of " + headerBytes + " bytes are more than the " + MAX_HEADER_BYTES + " allowed");
        }
    }

    /** The bytes (UTF-8) of all header names and values together. */
    public static int headerBytes(Map<String, String> headers) {
        int bytes = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            bytes += header.getKey().getBytes(StandardCharsets.UTF_8).length
                    + header.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Envelope envelope && kind == envelope.kind && correlationId == envelope.correlationId
                && topic.equals(envelope.topic) && headers.equals(envelope.headers)
                && Arrays.equals(payload, envelope.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, correlationId, topic, headers, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Envelope[" + kind + " #" + correlationId + " '" + topic + "', " + headers.size() + " headers, "
                + payload.length + " bytes]";
    }

}
