package io.gencluster.transport.tcp;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Cuts the byte stream into frames: a 4-byte length, then that many bytes. Until the
 * handshake is over a frame may carry at most {@link #MAX_HANDSHAKE_FRAME} bytes, so a
 * connection that has proved nothing cannot make this node buffer more;
 * {@link #authenticated} then raises the limit. A length above the limit fails at once,
 * before any of the frame is buffered, and everything after it is dropped until the
 * connection closes.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    /** Bytes of the length prefix. */
    static final int LENGTH_FIELD_LENGTH = 4;

    /**
     * The largest frame accepted before the peer has authenticated: a handshake frame
     * fits with room to spare.
     */
    static final int MAX_HANDSHAKE_FRAME = 1024;

    private int limit = MAX_HANDSHAKE_FRAME;

    private boolean failed;

    /** The peer has authenticated: frames may now be as large as {@code maxFrameSize}. */
    void authenticated(int maxFrameSize) {
        limit = maxFrameSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_FIELD_LENGTH) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > limit) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new TooLongFrameException("a frame of " + length + " bytes exceeds the limit of " + limit
                    + (limit == MAX_HANDSHAKE_FRAME ? " before authentication" : ""));
        }
        if (in.readableBytes() < LENGTH_FIELD_LENGTH + length) {
            return;
        }
        in.skipBytes(LENGTH_FIELD_LENGTH);
        out.add(in.readRetainedSlice((int) length));
    }

}
