package io.gencluster.transport.tcp;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import io.gencluster.ClusterNode;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;
import io.gencluster.transport.tcp.noise.HandshakeState;
import io.gencluster.transport.tcp.noise.NoiseException;
import io.gencluster.transport.tcp.noise.Psk;
import io.netty.channel.ChannelHandlerContext;

/**
 * The dialler's side of the handshake, the Noise initiator: sends message 1, reads
 * message 2 (which only a holder of the cookie could write for this very message 1), then
 * sends the confirm and its metadata, and takes the link with the acceptor's metadata. A
 * reject is honoured only before message 2: until then nothing is authenticated, and a
 * refusing acceptor says no more than why.
 */
final class DiallingHandshakeHandler extends HandshakeHandler {

    private HandshakeState noise;

    DiallingHandshakeHandler(Link link, ClusterNode self, Psk psk, TcpTransportSettings settings, LinkRegistry registry,
            CompletableFuture<ClusterNode> connected) {
        super(link, self, psk, settings, registry, connected);
    }

    /** {@code -> psk, e} with this node's identity. */
    @Override
    void ready(ChannelHandlerContext ctx) {
        noise = HandshakeState.initiator(psk, PROLOGUE);
        try {
            link.send(new Message.Handshake(MessageCodec.PROTOCOL_VERSION,
                    noise.writeMessage(MessageCodec.writeIdentity(self))));
        }
        catch (NoiseException ex) {
            protocolError(ctx, "cannot write the first handshake message: " + ex.getMessage());
        }
    }

    @Override
    void read(ChannelHandlerContext ctx, Message message) {
        if (message instanceof Message.Handshake second && noise != null) {
            readSecondMessage(ctx, second);
        }
        else if (message instanceof Message.Reject reject && noise != null
                && reject.reason() == Reason.DUPLICATE_LINK) {
            crossedDial(ctx, reject.detail());
        }
        else if (message instanceof Message.Reject reject && noise != null) {
            Reason reason = reject.reason() == Reason.AUTHENTICATION_FAILED
                    || reject.reason() == Reason.PROTOCOL_VERSION ? reject.reason() : Reason.PROTOCOL_ERROR;
            finish(new PeerRejectedException(reason,
                    "Peer " + link.describe() + " refused the link: " + reject.detail()));
            ctx.close();
        }
        else {
            protocolError(ctx, "unexpected " + message + " during the handshake");
        }
    }

    /**
     * {@code <- e, ee}: the acceptor holds the cookie; the confirm proves this side holds
     * the keys.
     */
    private void readSecondMessage(ChannelHandlerContext ctx, Message.Handshake second) {
        byte[] identity;
        try {
            identity = noise.readMessage(second.noise());
        }
        catch (NoiseException ex) {
            protocolError(ctx, "the second handshake message did not authenticate: " + ex.reason());
            return;
        }
        ClusterNode peer = MessageCodec.readIdentity(identity, link.direction);
        link.peer = peer;
        if (peer.isSameIncarnation(self)) {
            logger.debug("Dropped a connection to this node itself ({})", ctx.channel().remoteAddress());
            finish(new PeerRejectedException(Reason.SELF_CONNECTION,
                    "the address " + ctx.channel().remoteAddress() + " leads back to " + self));
            ctx.close();
            return;
        }
        secure(ctx, noise.split());
        link.send(new Message.Confirm());
        sendMetadata();
        authenticated(ctx);
    }

    @Override
    IOException closedDuringHandshake() {
        if (noise == null) {
            return new IOException("Connection to " + link.describe() + " closed during the handshake");
        }
        return new PeerRejectedException(Reason.PROTOCOL_ERROR, "Peer " + link.describe() + " closed the connection"
                + " during the handshake without a reason: not a gen-cluster node, or it refused this one (its log"
                + " says why)");
    }

    @Override
    void otherVersion(ChannelHandlerContext ctx, ProtocolException failure) {
        ctx.close();
    }

    @Override
    void warn(Reason reason, String message) {
        // The dial fails with this message, and the transport says it once per change.
        logger.debug(message);
    }

}
