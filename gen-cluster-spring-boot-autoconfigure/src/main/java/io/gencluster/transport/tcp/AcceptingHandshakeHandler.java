package io.gencluster.transport.tcp;

import java.io.IOException;

import io.gencluster.ClusterNode;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;
import io.gencluster.transport.tcp.noise.HandshakeState;
import io.gencluster.transport.tcp.noise.NoiseException;
import io.gencluster.transport.tcp.noise.Psk;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * The acceptor's side of the handshake, the Noise responder: sends nothing until message
 * 1 has decrypted under the cookie's key (a bare connection learns nothing, and nobody
 * gets something to test cookie guesses against), answers with message 2 and its metadata
 * (sealed with keys only the dialler of that message 1 has), and takes the link only when
 * the dialler's confirm decrypts and its metadata has come. Anyone can open such
 * connections at will, so its warnings are rate-limited and its handshake slot is
 * released as soon as the peer is authenticated.
 */
final class AcceptingHandshakeHandler extends HandshakeHandler {

    static final String COOKIE_MISMATCH = "cookie mismatch or not a gen-cluster node: every node needs the same cookie";

    private final HandshakeAdmission admission;

    private final HandshakeAdmission.Permit permit;

    private HandshakeState noise;

    private boolean awaitingConfirm;

    AcceptingHandshakeHandler(Link link, ClusterNode self, Psk psk, TcpTransportSettings settings,
            LinkRegistry registry, HandshakeAdmission admission, HandshakeAdmission.Permit permit) {
        super(link, self, psk, settings, registry, null);
        this.admission = admission;
        this.permit = permit;
    }

    @Override
    void ready(ChannelHandlerContext ctx) {
        // The dialler speaks first.
    }

    @Override
    void read(ChannelHandlerContext ctx, Message message) {
        if (message instanceof Message.Handshake first && noise == null) {
            readFirstMessage(ctx, first);
        }
        else if (message instanceof Message.Confirm && awaitingConfirm) {
            awaitingConfirm = false;
            permit.release();
            authenticated(ctx);
        }
        else {
            protocolError(ctx, "unexpected " + message + " during the handshake");
        }
    }

    /**
     * The first thing this node ever sends on the connection is message 2, and only to a
     * holder of the cookie.
     */
    private void readFirstMessage(ChannelHandlerContext ctx, Message.Handshake first) {
        noise = HandshakeState.responder(psk, PROLOGUE);
        byte[] identity;
        try {
            identity = noise.readMessage(first.noise());
        }
        catch (NoiseException ex) {
            warn(Reason.AUTHENTICATION_FAILED, "Refused " + link.describe() + ": " + COOKIE_MISMATCH);
            finish(new PeerRejectedException(Reason.AUTHENTICATION_FAILED, COOKIE_MISMATCH));
            // The one frame sent to a peer that proved nothing: it says only what the
            // peer sees anyway.
            ctx.writeAndFlush(new Message.Reject(Reason.AUTHENTICATION_FAILED, COOKIE_MISMATCH))
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ClusterNode peer = MessageCodec.readIdentity(identity, link.direction);
        if (!peer.isSameIncarnation(self) && registry.ownLinkWins(self, peer)) {
            // Before message 2: its key pair and key exchange are what a crossed dial
            // would waste.
            logger.debug("{} dialled this node while this node's link to it wins: refused", peer);
            finish(new PeerRejectedException(Reason.DUPLICATE_LINK, "crossed dial"));
            ctx.writeAndFlush(new Message.Reject(Reason.DUPLICATE_LINK, self.id()))
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        byte[] second;
        try {
            second = noise.writeMessage(MessageCodec.writeIdentity(self));
        }
        catch (NoiseException ex) {
            protocolError(ctx, "cannot answer the first handshake message: " + ex.getMessage());
            return;
        }
        link.peer = peer;
        Message.Handshake answer = new Message.Handshake(MessageCodec.PROTOCOL_VERSION, second);
        if (peer.isSameIncarnation(self)) {
            // Message 2 lets the dialling side (this node too) see that it reached
            // itself; this side is done.
            logger.debug("Dropped a connection to this node itself ({})", ctx.channel().remoteAddress());
            finish(new PeerRejectedException(Reason.SELF_CONNECTION, "connection to this node itself"));
            link.send(answer).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        link.send(answer);
        secure(ctx, noise.split());
        sendMetadata();
        awaitingConfirm = true;
    }

    @Override
    IOException closedDuringHandshake() {
        return new IOException("Connection from " + link.describe() + " closed during the handshake");
    }

    /**
     * Telling another version why reveals nothing about the cookie, and lets it fail
     * cleanly.
     */
    @Override
    void otherVersion(ChannelHandlerContext ctx, ProtocolException failure) {
        ctx.writeAndFlush(new Message.Reject(Reason.PROTOCOL_VERSION, failure.getMessage()))
            .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    void warn(Reason reason, String message) {
        admission.handshakeFailed(reason, message);
    }

}
