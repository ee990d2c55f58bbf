package io.gencluster.messaging;

import java.lang.reflect.Type;

/**
 * Turns payloads into bytes and back. The default writes JSON through the application's
 * Jackson {@code JsonMapper}; a bean of this type replaces it. {@code byte[]} and
 * {@code String} payloads never reach a codec: they travel as they are (a string as
 * UTF-8).
 * <p>
 * A codec never writes class names to the wire and never decides the type from the bytes:
 * the receiver's parameter type (or the requester's reply type) decides.
 */
public interface ClusterPayloadCodec {

    /**
     * The bytes of a payload.
     * @param payload the object to send, never {@code null}, {@code byte[]} or
     * {@code String}
     * @return its encoding
     * @throws RuntimeException when the object cannot be encoded; the send fails with
     * {@link ClusterMessagingException.Failure#UNENCODABLE}
     */
    byte[] encode(Object payload);

    /**
     * The object that bytes encode, of the given type.
     * @param bytes what the peer sent
     * @param type the handler's parameter type or the requester's reply type (may be
     * generic)
     * @return the decoded object
     * @throws RuntimeException when the bytes do not decode into the type; that message
     * fails with {@link ClusterMessagingException.Failure#UNDECODABLE}, the link stays up
     */
    Object decode(byte[] bytes, Type type);

}
