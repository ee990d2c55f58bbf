package io.gencluster.transport.tcp;

import java.util.List;

import io.gencluster.transport.tcp.noise.CipherState;
import io.gencluster.transport.tcp.noise.NoiseException;
import io.gencluster.transport.tcp.noise.NoiseSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageCodec;

/**
 * Seals every frame this node sends after the handshake and opens every frame it
 * receives, with the link's Noise session keys: AES-256-GCM whose nonce is the frame's
 * sequence number in its direction, so a frame that was forged, altered, replayed,
 * dropped or reordered fails to open and ends the link. The {@link HandshakeHandler}
 * installs it between the framing and the message codec once the keys exist. It runs
 * under TLS too: one path for every link, and TLS alone would not bind the frames to the
 * cookie.
 */
final class FrameCipher extends MessageToMessageCodec<ByteBuf, ByteBuf> {

    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    private final CipherState sending;

    private final CipherState receiving;

    private boolean failed;

    FrameCipher(NoiseSession session) {
        this.sending = session.sending();
        this.receiving = session.receiving();
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        try {
            out.add(Unpooled.wrappedBuffer(sending.encrypt(NO_ASSOCIATED_DATA, ByteBufUtil.getBytes(frame))));
        }
        catch (NoiseException ex) {
            throw new EncoderException(
                    "Cannot seal frame " + Long.toUnsignedString(sending.nonce()) + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (failed) {
            // The link is closing: whatever follows a frame that did not open is not
            // looked at.
            return;
        }
        try {
            out.add(Unpooled.wrappedBuffer(receiving.decrypt(NO_ASSOCIATED_DATA, ByteBufUtil.getBytes(frame))));
        }
        catch (NoiseException ex) {
            failed = true;
            throw ProtocolException.malformed("frame " + Long.toUnsignedString(receiving.nonce())
                    + " did not authenticate (forged, altered, replayed or out of order): " + ex.reason());
        }
    }

}
