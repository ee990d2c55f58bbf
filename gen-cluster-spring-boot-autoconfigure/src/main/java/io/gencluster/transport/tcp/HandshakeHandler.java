package io.gencluster.transport.tcp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a new connection before anything else passes: both sides send a hello with a fresh
 * challenge, both answer the other's challenge with a cookie proof, and whichever check fails first
 * refuses the link. Closes a connection that does not finish within the handshake deadline, and
 * leaves the pipeline once the peer is authenticated.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(HandshakeHandler.class);

    static final String COOKIE_MISMATCH = "cookie mismatch: every node needs the same cookie";

    private final Link link;

    private final ClusterNode self;

    private final Authenticator authenticator;

    private final Duration timeout;

    private final LinkRegistry registry;

    /** Completed when this node dialled the link; {@code null} for accepted links. */
    private final CompletableFuture<ClusterNode> connected;

    private Message.Hello ownHello;

    private Message.Hello peerHello;

    private ScheduledFuture<?> deadline;

    private boolean finished;

    HandshakeHandler(Link link, ClusterNode self, Authenticator authenticator, Duration timeout,
            LinkRegistry registry, CompletableFuture<ClusterNode> connected) {
        this.link = link;
        this.self = self;
        this.authenticator = authenticator;
        this.timeout = timeout;
        this.registry = registry;
        this.connected = connected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // From here, not from registration: the TCP connect has its own timeout.
        deadline = ctx.executor().schedule(() -> timedOut(ctx), timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!registry.opened(link)) {
            finish(new IOException("The transport is stopping"));
            ctx.close();
            return;
        }
        if (ctx.pipeline().get(LinkInitializer.TLS) == null) {
            sendHello();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent tls) {
            if (finished) {
                return;
            }
            if (tls.isSuccess()) {
                sendHello();
            }
            else {
                tlsFailed(ctx, tls.cause());
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (finished) {
            return;
        }
        if (message instanceof Message.Hello hello && peerHello == null && ownHello != null) {
            receivedHello(ctx, hello);
        }
        else if (message instanceof Message.Auth auth && peerHello != null) {
            receivedAuth(ctx, auth);
        }
        else if (message instanceof Message.Reject reject) {
            logger.warn("Peer {} refused the link: {}: {}", link.describe(), reject.reason(), reject.detail());
            finish(new PeerRejectedException(reject.reason(), "Peer " + link.describe() + " refused the link: "
                    + reject.detail()));
            ctx.close();
        }
        else {
            protocolError(ctx, "unexpected " + message + " during the handshake");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!finished) {
            logger.debug("Connection {} closed during the handshake", link.describe());
            finish(new IOException("Connection to " + link.describe() + " closed during the handshake"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (finished) {
            ctx.close();
            return;
        }
        if (cause instanceof ProtocolException protocol && protocol.reason() == Reason.PROTOCOL_VERSION) {
            logger.warn("Refused {}: {}", link.describe(), protocol.getMessage());
            reject(ctx, Reason.PROTOCOL_VERSION, protocol.getMessage());
        }
        else if (sslCause(cause) != null) {
            tlsFailed(ctx, sslCause(cause));
        }
        else if (cause instanceof TooLongFrameException) {
            protocolError(ctx, "the first frame is larger than the maximum frame size: not a gen-cluster node,"
                    + " or one that speaks TLS (TLS must be on for every node or none)");
        }
        else if (cause instanceof DecoderException) {
            protocolError(ctx, cause.getMessage());
        }
        else {
            logger.debug("Handshake with {} failed: {}", link.describe(), String.valueOf(cause));
            finish(cause instanceof IOException io ? io
                    : new IOException("Handshake with " + link.describe() + " failed: " + cause, cause));
            ctx.close();
        }
    }

    private void sendHello() {
        ownHello = Message.Hello.of(self, authenticator.newChallenge());
        link.send(ownHello);
    }

    private void receivedHello(ChannelHandlerContext ctx, Message.Hello hello) {
        ClusterNode peer;
        try {
            peer = new ClusterNode(new NodeAddress(hello.name(), hello.host(), hello.port()), hello.incarnation(),
                    Instant.now(), link.direction);
        }
        catch (IllegalArgumentException ex) {
            protocolError(ctx, "invalid identity in hello: " + ex.getMessage());
            return;
        }
        peerHello = hello;
        link.peer = peer;
        link.diallerChallenge = link.direction == ClusterNode.Direction.OUTBOUND ? ownHello.challenge() : hello.challenge();
        if (peer.isSameIncarnation(self)) {
            logger.debug("Dropped a connection to this node itself ({})", ctx.channel().remoteAddress());
            reject(ctx, Reason.SELF_CONNECTION, "the address " + ctx.channel().remoteAddress() + " leads back to " + self);
            return;
        }
        link.send(new Message.Auth(authenticator.prove(hello.challenge(), ownHello, hello)));
    }

    private void receivedAuth(ChannelHandlerContext ctx, Message.Auth auth) {
        if (!authenticator.verify(auth.proof(), ownHello.challenge(), peerHello, ownHello)) {
            logger.warn("Refused {}: {}", link.describe(), COOKIE_MISMATCH);
            reject(ctx, Reason.AUTHENTICATION_FAILED, COOKIE_MISMATCH);
            return;
        }
        finished = true;
        deadline.cancel(false);
        ctx.pipeline().remove(this);
        ClusterNode member = registry.authenticated(link);
        if (member == null) {
            ctx.close();
            fail(new IOException("The transport is stopping"));
        }
        else if (connected != null) {
            connected.complete(member);
        }
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (!finished) {
            logger.warn("Closed connection {}: the handshake did not finish within {}", link.describe(), timeout);
            finish(new PeerRejectedException(Reason.HANDSHAKE_TIMEOUT, "The handshake with " + link.describe()
                    + " did not finish within " + timeout));
            ctx.close();
        }
    }

    private void protocolError(ChannelHandlerContext ctx, String detail) {
        logger.warn("Closed connection {}: protocol error: {}", link.describe(), detail);
        finish(new PeerRejectedException(Reason.PROTOCOL_ERROR, "Protocol error from " + link.describe() + ": " + detail));
        ctx.close();
    }

    private void tlsFailed(ChannelHandlerContext ctx, Throwable cause) {
        String detail = cause instanceof NotSslRecordException
                ? "the peer does not speak TLS (TLS must be on for every node or none)"
                : String.valueOf(cause);
        logger.warn("Closed connection {}: TLS failed: {}", link.describe(), detail);
        finish(new PeerRejectedException(Reason.TLS_FAILED, "TLS with " + link.describe() + " failed: " + detail));
        ctx.close();
    }

    private void reject(ChannelHandlerContext ctx, Reason reason, String detail) {
        finish(new PeerRejectedException(reason, "Link with " + link.describe() + " refused: " + detail));
        ctx.writeAndFlush(new Message.Reject(reason, detail)).addListener(ChannelFutureListener.CLOSE);
    }

    private void finish(IOException failure) {
        finished = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        fail(failure);
    }

    private void fail(IOException failure) {
        if (connected != null) {
            connected.completeExceptionally(failure);
        }
    }

    private static Throwable sslCause(Throwable cause) {
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (current instanceof SSLException) {
                return current;
            }
        }
        return null;
    }
}
