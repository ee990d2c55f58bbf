package io.gencluster.transport.tcp;

import java.time.Duration;

import io.gencluster.LeaveReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live link honest: sends a heartbeat when nothing was sent for the heartbeat
 * interval, echoing the peer's last one so both sides measure the round trip from one
 * frame per direction, and closes the link as {@code HEARTBEAT_TIMEOUT} when nothing
 * arrived for the heartbeat timeout. Idle events during the handshake are ignored: the
 * handshake has its own deadline.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final Link link;

    private final Duration timeout;

    private final LinkRegistry registry;

    /**
     * The peer's last heartbeat not yet echoed, and when it arrived; event-loop confined.
     */
    private long peerSentAtNanos;

    private long peerArrivedAtNanos;

    private boolean echoDue;

    HeartbeatHandler(Link link, Duration timeout, LinkRegistry registry) {
        this.link = link;
        this.timeout = timeout;
        this.registry = registry;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        Link.State state = link.state;
        if (state != Link.State.ACTIVE && state != Link.State.SUPERSEDED) {
            return;
        }
        if (idle.state() == IdleState.WRITER_IDLE) {
            if (ctx.channel() instanceof DuplexChannel duplex && duplex.isOutputShutdown()) {
                // Lingering after a goodbye: a failed write would close the link and cut
                // the linger short.
                return;
            }
            long now = System.nanoTime();
            link.send(echoDue ? new Message.Heartbeat(now, peerSentAtNanos, now - peerArrivedAtNanos)
                    : new Message.Heartbeat(now, 0, Message.Heartbeat.NOTHING_ECHOED));
            echoDue = false;
        }
        else if (idle.state() == IdleState.READER_IDLE) {
            logger.info("Nothing from {} for {}: closing the link", link.describe(), timeout);
            link.closeReason = LeaveReason.HEARTBEAT_TIMEOUT;
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof Message.Heartbeat heartbeat) {
            long now = System.nanoTime();
            peerSentAtNanos = heartbeat.sentAtNanos();
            peerArrivedAtNanos = now;
            echoDue = true;
            heartbeat.roundTrip(now).ifPresent(roundTrip -> {
                link.roundTripTime = roundTrip;
                registry.roundTripMeasured(link, roundTrip);
            });
        }
        else {
            ctx.fireChannelRead(message);
        }
    }

}
