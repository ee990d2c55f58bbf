package io.gencluster.transport.tcp;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream into frames: a 4-byte length, then that many bytes (type and payload).
 * A length above the maximum fails at once, before any buffer for it is allocated.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    /** Bytes of the length prefix. */
    static final int LENGTH_FIELD_LENGTH = 4;

    FrameDecoder(int maxFrameSize) {
        super(maxFrameSize + LENGTH_FIELD_LENGTH, 0, LENGTH_FIELD_LENGTH, 0, LENGTH_FIELD_LENGTH, true);
    }
}
