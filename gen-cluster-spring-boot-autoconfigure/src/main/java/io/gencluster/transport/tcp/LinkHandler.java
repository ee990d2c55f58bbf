package io.gencluster.transport.tcp;

import io.gencluster.transport.LogThrottle;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live link's end of the pipeline: application messages, goodbyes, member lists and
 * metadata go to the registry, and a channel that closes without a goodbye is reported as
 * lost (or with the reason a handler recorded).
 */
final class LinkHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(LinkHandler.class);

    /**
     * A peer can repeat a bad frame at every reconnect: one WARN a minute per kind, for
     * every link.
     */
    private static final LogThrottle protocolErrors = new LogThrottle(logger, LogThrottle.DEFAULT_INTERVAL);

    private final Link link;

    private final LinkRegistry registry;

    LinkHandler(Link link, LinkRegistry registry) {
        this.link = link;
        this.registry = registry;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof Message.EnvelopeFrame frame) {
            registry.envelopeReceived(link, frame.envelope());
        }
        else if (message instanceof Message.Goodbye goodbye) {
            logger.debug("Goodbye from {}: {}", link.describe(), goodbye.reason());
            registry.goodbye(link, goodbye.reason());
        }
        else if (message instanceof Message.Members members) {
            registry.membersAnnounced(link, members);
        }
        else if (message instanceof Message.Metadata metadata) {
            registry.metadataReceived(link, metadata);
        }
        else {
            logger.warn("Closing the link to {}: protocol error: unexpected {}", link.describe(), message);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        registry.closed(link);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof AnnouncementTooLargeException) {
            registry.announcementRefused(link);
            protocolErrors.warn("announcement too large", "Closing the link to {}: protocol error: {}", link.describe(),
                    cause.getMessage());
        }
        else if (cause instanceof DecoderException) {
            protocolErrors.warn("protocol error", "Closing the link to {}: protocol error: {}", link.describe(),
                    cause.getMessage());
        }
        else {
            logger.debug("Link to {} failed: {}", link.describe(), String.valueOf(cause));
        }
        ctx.close();
    }

}
