package io.gencluster.transport.tcp;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.EnvelopeNotSentException;
import io.gencluster.transport.EnvelopeNotSentException.Reason;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.DefaultMessageSizeEstimator;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.WriteBufferWaterMark;

/**
 * Writes application messages to live links, boundedly: a message larger than the maximum
 * frame size, or one for a link whose outbound buffer is above its high-water mark, fails
 * at once and nothing is queued. Heartbeats and goodbyes are written past the mark, so a
 * busy link stays alive.
 */
final class EnvelopeWriter {

    /**
     * Counts an envelope not yet encoded by its payload, so writes queued from other
     * threads count against the high-water mark before the event loop encodes them
     * (Netty's default counts an unknown message as 8 bytes).
     */
    static final MessageSizeEstimator SIZE_ESTIMATOR = new MessageSizeEstimator() {

        private final MessageSizeEstimator.Handle bytes = DefaultMessageSizeEstimator.DEFAULT.newHandle();

        @Override
        public Handle newHandle() {
            return message -> message instanceof Message.EnvelopeFrame frame ? EnvelopeCodec.frameSize(frame.envelope())
                    : bytes.size(message);
        }

    };

    private EnvelopeWriter() {
    }

    /**
     * Bounds a channel's outbound buffer at the high-water mark (low mark: half of it).
     */
    static void bound(Channel channel, int highWaterMark) {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(highWaterMark / 2, highWaterMark));
        channel.config().setMessageSizeEstimator(SIZE_ESTIMATOR);
    }

    /** Writes an envelope to a member's live link; see {@link TcpTransport#send}. */
    static CompletionStage<Void> send(Optional<Link> live, ClusterNode member, Envelope envelope, int maxFrameSize) {
        if (live.isEmpty()) {
            return failed(Reason.NOT_A_MEMBER, member + " is not a member", null);
        }
        int size = EnvelopeCodec.frameSize(envelope);
        if (size > maxFrameSize) {
            return failed(Reason.TOO_LARGE, "A message of " + size + " bytes on topic '" + envelope.topic()
                    + "' exceeds the maximum frame size of " + maxFrameSize + " bytes", null);
        }
        Link link = live.get();
        if (!link.channel.isWritable()) {
            return failed(Reason.OUTBOUND_FULL, "The link to " + member + " has more bytes waiting to be written"
                    + " than its high-water mark: it sends slower than this node writes", null);
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        link.channel.writeAndFlush(new Message.EnvelopeFrame(envelope)).addListener((ChannelFutureListener) write -> {
            if (write.isSuccess()) {
                written.complete(null);
            }
            else {
                written.completeExceptionally(new EnvelopeNotSentException(Reason.LINK_DOWN,
                        "The link to " + member + " went down: " + write.cause(), link.closeReason));
            }
        });
        return written;
    }

    /**
     * Bytes waiting to be written on a link, queued writes from other threads included.
     */
    static long pendingBytes(Link link) {
        ChannelOutboundBuffer buffer = link.channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private static CompletionStage<Void> failed(Reason reason, String message, LeaveReason leaveReason) {
        return CompletableFuture.failedFuture(new EnvelopeNotSentException(reason, message, leaveReason));
    }

}
