package io.gencluster.messaging;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Payloads to bytes and back: {@code byte[]} as it is, {@code String} as UTF-8, anything
 * else through the codec; {@code null} as no bytes and a header that says so.
 */
final class Payloads {

    /** Present (with any value) when the payload is {@code null}. */
    static final String NULL_HEADER = "gc-null";

    private static final byte[] NOTHING = new byte[0];

    private final ClusterPayloadCodec codec;

    Payloads(ClusterPayloadCodec codec) {
        this.codec = codec;
    }

    /**
     * The bytes of a payload.
     * @throws ClusterMessagingException ({@code UNENCODABLE}) when the codec fails
     */
    byte[] encode(@Nullable Object payload) {
        if (payload == null) {
            return NOTHING;
        }
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return codec.encode(payload);
        }
        catch (RuntimeException ex) {
            throw new ClusterMessagingException(ClusterMessagingException.Failure.UNENCODABLE,
                    "A " + payload.getClass().getName() + " payload could not be encoded: " + ex.getMessage());
        }
    }

    /** The headers that say the payload is {@code null}, or none. */
    static Map<String, String> nullHeader(@Nullable Object payload) {
        return payload == null ? Map.of(NULL_HEADER, "") : Map.of();
    }

    /**
     * The payload of the given type.
     * @throws RuntimeException when the bytes do not decode into the type
     */
    @Nullable Object decode(byte[] bytes, Map<String, String> headers, Type type) {
        if (headers.containsKey(NULL_HEADER)) {
            return null;
        }
        if (type == byte[].class) {
            return bytes;
        }
        if (type == String.class) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (type == Void.class || type == void.class) {
            return null;
        }
        return codec.decode(bytes, type);
    }

}
