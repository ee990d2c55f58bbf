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
 * interval, and closes the link as {@code HEARTBEAT_TIMEOUT} when nothing arrived for the
 * heartbeat timeout, after asking the other members about it ({@link IndirectProbes}).
 * Most heartbeats are a bare {@link Message.Tick}, the smallest sealed frame; every
 * {@link #PROBE_EVERY}th is a probe that the peer echoes in its next one, so both sides
 * measure the round trip without a reply frame. Idle events during the handshake are
 * ignored: the handshake has its own deadline.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(HeartbeatHandler.class);

    /** One heartbeat in this many probes the round trip; the first one does. */
    static final int PROBE_EVERY = 10;

    private final Link link;

    private final Duration interval;

    private final Duration timeout;

    private final LinkRegistry registry;

    /**
     * The peer's last heartbeat not yet echoed, and when it arrived; event-loop confined.
     */
    private long peerSentAtNanos;

    private long peerArrivedAtNanos;

    private boolean echoDue;

    private long beats;

    HeartbeatHandler(Link link, Duration interval, Duration timeout, LinkRegistry registry) {
        this.link = link;
        this.interval = interval;
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
            link.send(nextHeartbeat(System.nanoTime(), beats++ % PROBE_EVERY == 0));
            echoDue = false;
        }
        else if (idle.state() == IdleState.READER_IDLE && state == Link.State.ACTIVE) {
            registry.probes.suspect(link, interval, timeout);
        }
        else if (idle.state() == IdleState.READER_IDLE) {
            logger.debug("Nothing from {} for {}: closing the superseded link", link.describe(), timeout);
            link.closeReason = LeaveReason.HEARTBEAT_TIMEOUT;
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        link.lastReadNanos = System.nanoTime();
        if (message instanceof Message.Tick) {
            return;
        }
        if (message instanceof Message.Heartbeat heartbeat) {
            long now = System.nanoTime();
            if (heartbeat.isProbe()) {
                peerSentAtNanos = heartbeat.sentAtNanos();
                peerArrivedAtNanos = now;
                echoDue = true;
            }
            heartbeat.roundTrip(now).ifPresent(roundTrip -> {
                link.roundTripTime = roundTrip;
                registry.roundTripMeasured(link, roundTrip);
            });
        }
        else {
            ctx.fireChannelRead(message);
        }
    }

    /** A probe (echoing the peer's last probe when one is due), an echo, or a tick. */
    private Message nextHeartbeat(long now, boolean probe) {
        long sentAt = probe ? now : Message.Heartbeat.NO_PROBE;
        if (echoDue) {
            return new Message.Heartbeat(sentAt, peerSentAtNanos, now - peerArrivedAtNanos);
        }
        return probe ? new Message.Heartbeat(sentAt, 0, Message.Heartbeat.NOTHING_ECHOED) : new Message.Tick();
    }

}
