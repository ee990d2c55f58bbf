package io.gencluster.transport.tcp;

import java.time.Duration;

import io.gencluster.LeaveReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live link honest: pings when nothing was sent for the heartbeat interval, answers pings,
 * measures the round trip from the echo, and closes the link as {@code HEARTBEAT_TIMEOUT} when
 * nothing arrived for the heartbeat timeout. Idle events during the handshake are ignored: the
 * handshake has its own deadline.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final Link link;

    private final Duration timeout;

    private final LinkRegistry registry;

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
            link.send(new Message.Ping(System.nanoTime()));
        }
        else if (idle.state() == IdleState.READER_IDLE) {
            logger.info("Nothing from {} for {}: closing the link", link.describe(), timeout);
            link.closeReason = LeaveReason.HEARTBEAT_TIMEOUT;
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof Message.Ping ping) {
            link.send(new Message.Pong(ping.sentAtNanos()));
        }
        else if (message instanceof Message.Pong pong) {
            long elapsed = System.nanoTime() - pong.sentAtNanos();
            if (elapsed >= 0) {
                link.roundTripTime = Duration.ofNanos(elapsed);
                registry.roundTripMeasured(link, link.roundTripTime);
            }
        }
        else {
            ctx.fireChannelRead(message);
        }
    }
}
