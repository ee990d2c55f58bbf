package io.gencluster.transport.tcp;

import io.gencluster.ClusterNode;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.LogThrottle;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live link's end of the pipeline: application messages, goodbyes, member lists,
 * metadata and indirect probes go to the registry, and a channel that closes without a
 * goodbye is reported as lost (or with the reason a handler recorded).
 */
final class LinkHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(LinkHandler.class);

    /**
     * A peer can repeat a bad frame at every reconnect: one WARN a minute per kind, for
     * every link.
     */
    private static final LogThrottle PROTOCOL_ERRORS = new LogThrottle(logger, LogThrottle.DEFAULT_INTERVAL);

    private final Link link;

    private final LinkRegistry registry;

    private final LogThrottle protocolErrors;

    LinkHandler(Link link, LinkRegistry registry) {
        this(link, registry, PROTOCOL_ERRORS);
    }

    /** With a throttle of its own, for a test that must see the first WARN of a kind. */
    LinkHandler(Link link, LinkRegistry registry, LogThrottle protocolErrors) {
        this.link = link;
        this.registry = registry;
        this.protocolErrors = protocolErrors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof Message.EnvelopeFrame frame) {
            envelopeReceived(frame.envelope());
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
        else if (message instanceof Message.Links links) {
            registry.linksReported(link, links);
        }
        else if (message instanceof Message.HeardQuery query) {
            if (link.state == Link.State.ACTIVE) {
                registry.probes.asked(link, query);
            }
        }
        else if (message instanceof Message.HeardAnswer answer) {
            registry.probes.answered(link, answer);
        }
        else {
            logger.warn("Closing the link to {}: protocol error: unexpected {}", link.describe(), message);
            ctx.close();
        }
    }

    /**
     * An application message over an authenticated link: the live one, or one superseded
     * but not yet closed, which still carries the peer's last frames. Not under the
     * registry's lock: it is the hot path.
     */
    private void envelopeReceived(Envelope envelope) {
        ClusterNode member = link.member;
        Link.State state = link.state;
        if (member != null && (state == Link.State.ACTIVE || state == Link.State.SUPERSEDED)) {
            registry.listener().envelopeReceived(member, envelope);
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
            if (link.member != null) {
                registry.listener().announcementRefused(link.member);
            }
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
