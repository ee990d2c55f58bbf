package io.gencluster.transport.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.gencluster.ClusterNode;
import io.gencluster.transport.PeerRejectedException;
import io.gencluster.transport.PeerRejectedException.Reason;
import io.gencluster.transport.tcp.noise.CipherState;
import io.gencluster.transport.tcp.noise.NoiseSession;
import io.gencluster.transport.tcp.noise.Psk;
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
 * Authenticates a new connection with Noise {@code NNpsk0} before anything else passes,
 * in two roles:
 * <ol>
 * <li>the dialler sends message 1 ({@code -> psk, e}) with its identity;</li>
 * <li>the acceptor, silent until message 1 has decrypted under the cookie's key, answers
 * with message 2 ({@code <- e, ee}) and its identity;</li>
 * <li>the dialler sends an encrypted {@link Message.Confirm}: only that makes the
 * acceptor trust the link, since message 1 alone could be a replay;</li>
 * <li>each side sends its {@link Message.Metadata}, sealed (the acceptor right after
 * message 2, the dialler after the confirm), and takes the link once the peer's has
 * come.</li>
 * </ol>
 * From the keys on, a {@link FrameCipher} seals every frame. Metadata travels after the
 * keys, not in the Noise payloads, so it is never read before the peer has authenticated
 * and its bound need not fit the small frame limit before authentication. This class
 * holds what both roles share: the deadline, the failures and the hand-over to the
 * {@link LinkRegistry}; the handler leaves the pipeline then.
 */
abstract sealed class HandshakeHandler extends ChannelInboundHandlerAdapter
        permits DiallingHandshakeHandler, AcceptingHandshakeHandler {

    static final Logger logger = LoggerFactory.getLogger(HandshakeHandler.class);

    /**
     * Mixed into the handshake, never sent: a node of another protocol version fails
     * message 1.
     */
    static final byte[] PROLOGUE = ("gen-cluster/" + MessageCodec.PROTOCOL_VERSION).getBytes(StandardCharsets.US_ASCII);

    final Link link;

    final ClusterNode self;

    final Psk psk;

    private final Duration timeout;

    private final int maxFrameSize;

    final LinkRegistry registry;

    /** Completed when this node dialled the link; {@code null} for accepted links. */
    private final CompletableFuture<ClusterNode> connected;

    private ScheduledFuture<?> deadline;

    boolean finished;

    /** The peer has authenticated; its metadata, the last handshake frame, comes next. */
    private boolean awaitingMetadata;

    HandshakeHandler(Link link, ClusterNode self, Psk psk, TcpTransportSettings settings, LinkRegistry registry,
            CompletableFuture<ClusterNode> connected) {
        this.link = link;
        this.self = self;
        this.psk = psk;
        this.timeout = settings.handshakeTimeout();
        this.maxFrameSize = settings.maxFrameSize();
        this.registry = registry;
        this.connected = connected;
    }

    /** The connection is up (and TLS, when on, established): the dialler speaks first. */
    abstract void ready(ChannelHandlerContext ctx);

    /** A frame during the handshake. */
    abstract void read(ChannelHandlerContext ctx, Message message);

    /**
     * Why the connect fails when the peer closed the connection before the handshake
     * finished.
     */
    abstract IOException closedDuringHandshake();

    /** A peer that speaks another protocol version was found out. */
    abstract void otherVersion(ChannelHandlerContext ctx, ProtocolException failure);

    /** Logs a failed handshake at WARN. */
    abstract void warn(Reason reason, String message);

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
            ready(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof SslHandshakeCompletionEvent tls)) {
            ctx.fireUserEventTriggered(event);
        }
        else if (!finished && !tls.isSuccess()) {
            tlsFailed(ctx, tls.cause());
        }
        else if (!finished) {
            ready(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!finished && awaitingMetadata && message instanceof Message.Metadata metadata) {
            metadataReceived(ctx, metadata);
        }
        else if (!finished) {
            read(ctx, (Message) message);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!finished) {
            logger.debug("Connection {} closed during the handshake", link.describe());
            finish(closedDuringHandshake());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (finished) {
            ctx.close();
        }
        else if (cause instanceof ProtocolException protocol && protocol.reason() == Reason.PROTOCOL_VERSION) {
            warn(Reason.PROTOCOL_VERSION, "Refused " + link.describe() + ": " + protocol.getMessage());
            finish(new PeerRejectedException(Reason.PROTOCOL_VERSION,
                    "Link with " + link.describe() + " refused: " + protocol.getMessage()));
            otherVersion(ctx, protocol);
        }
        else if (sslCause(cause) != null) {
            tlsFailed(ctx, sslCause(cause));
        }
        else if (cause instanceof TooLongFrameException) {
            protocolError(ctx, cause.getMessage() + ": not a gen-cluster node, or one that speaks TLS"
                    + " (TLS must be on for every node or none)");
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

    /**
     * Every frame from here on is sealed with the session's keys; frames already cut from
     * this read pass through the cipher too, since each one travels the pipeline before
     * the next is cut.
     */
    void secure(ChannelHandlerContext ctx, NoiseSession session) {
        link.handshakeHash = session.handshakeHash();
        ctx.pipeline().addBefore(LinkInitializer.CODEC, LinkInitializer.CIPHER, new FrameCipher(session));
    }

    /**
     * Sends this node's metadata, sealed; the registry resends it once the link is live
     * if it changed meanwhile.
     */
    void sendMetadata() {
        Message.Metadata metadata = registry.metadata();
        link.sentMetadataVersion = metadata.version();
        link.send(metadata);
    }

    /**
     * The peer proved it holds the keys: frames may be large now, and its metadata comes
     * next.
     */
    void authenticated(ChannelHandlerContext ctx) {
        ctx.pipeline().get(FrameDecoder.class).authenticated(maxFrameSize + CipherState.TAG_LENGTH);
        awaitingMetadata = true;
    }

    /** The peer's metadata ends the handshake: the registry takes the link. */
    private void metadataReceived(ChannelHandlerContext ctx, Message.Metadata metadata) {
        finished = true;
        deadline.cancel(false);
        link.peer = link.peer.withMetadata(metadata.entries());
        link.peerMetadataVersion = metadata.version();
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

    /**
     * The peer keeps the link it dialled to this node and refused this one: the dial
     * completes with the member once that link is up, or fails at the handshake timeout.
     * @param peerId the id the peer gave, trusted only to wait for an authenticated link
     */
    void crossedDial(ChannelHandlerContext ctx, String peerId) {
        finished = true;
        deadline.cancel(false);
        ctx.close();
        if (connected == null) {
            return;
        }
        String detail = "Peer " + link.describe() + " is dialling this node instead, but its link did not come up"
                + " within " + timeout;
        ScheduledFuture<?> giveUp = ctx.executor()
            .schedule(() -> connected.completeExceptionally(new PeerRejectedException(Reason.DUPLICATE_LINK, detail)),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        connected.whenComplete((member, failure) -> giveUp.cancel(false));
        registry.awaitMember(peerId, connected);
    }

    void protocolError(ChannelHandlerContext ctx, String detail) {
        warn(Reason.PROTOCOL_ERROR, "Closed connection " + link.describe() + ": protocol error: " + detail);
        finish(new PeerRejectedException(Reason.PROTOCOL_ERROR,
                "Protocol error from " + link.describe() + ": " + detail));
        ctx.close();
    }

    void finish(IOException failure) {
        finished = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        fail(failure);
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (!finished) {
            warn(Reason.HANDSHAKE_TIMEOUT,
                    "Closed connection " + link.describe() + ": the handshake did not finish within " + timeout);
            finish(new PeerRejectedException(Reason.HANDSHAKE_TIMEOUT,
                    "The handshake with " + link.describe() + " did not finish within " + timeout));
            ctx.close();
        }
    }

    private void tlsFailed(ChannelHandlerContext ctx, Throwable cause) {
        String detail = cause instanceof NotSslRecordException
                ? "the peer does not speak TLS (TLS must be on for every node or none)" : String.valueOf(cause);
        warn(Reason.TLS_FAILED, "Closed connection " + link.describe() + ": TLS failed: " + detail);
        finish(new PeerRejectedException(Reason.TLS_FAILED, "TLS with " + link.describe() + " failed: " + detail));
        ctx.close();
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
