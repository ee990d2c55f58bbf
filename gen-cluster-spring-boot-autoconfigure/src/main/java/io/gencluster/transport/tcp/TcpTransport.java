package io.gencluster.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.NodeMetadata;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.Envelope;
import io.gencluster.transport.TransportListener;
import io.gencluster.transport.tcp.noise.HandshakeWarmUp;
import io.gencluster.transport.tcp.noise.Psk;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link ClusterTransport}: TCP links on Netty, authenticated by a Noise
 * handshake keyed by the cookie and encrypted frame by frame after it (under TLS too,
 * when TLS is on), with heartbeats, a goodbye on every orderly leave and, with
 * {@code connect-all}, member lists sent to every member.
 * <p>
 * Listener calls and the completion of {@link #connect} futures happen on Netty event
 * loop threads: callers hand the work off and return at once. One instance is started and
 * stopped once.
 */
public class TcpTransport implements ClusterTransport {

    private static final Logger logger = LoggerFactory.getLogger(TcpTransport.class);

    /**
     * How long a goodbye waits for the peer to close its end before this side closes
     * anyway.
     */
    private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(1);

    private final TcpTransportSettings settings;

    /** The cookie's Noise key, derived once. */
    private final Psk psk;

    private final HandshakeAdmission admission;

    private final Map<NodeAddress, CompletableFuture<ClusterNode>> dialling = new ConcurrentHashMap<>();

    private volatile ClusterNode self;

    /** This node's metadata, checked; kept in {@code self} once started. */
    private Map<String, String> metadata = Map.of();

    private volatile LinkRegistry registry;

    private EventLoopGroup group;

    private Channel server;

    private PeerDialler dialler;

    private boolean stopped;

    /** Creates a transport (nothing opens until {@link #start}); warms up its crypto. */
    public TcpTransport(TcpTransportSettings settings) {
        HandshakeWarmUp.startOnce();
        this.settings = settings;
        this.psk = Psk.fromCookie(settings.cookie());
        this.admission = new HandshakeAdmission(settings.maxUnauthenticated(), settings.maxUnauthenticatedPerAddress());
    }

    /**
     * Binds the port, then accepts peers; {@link #self()} is known from here on.
     * @throws TransportBindException naming the address and the port when binding fails
     */
    @Override
    public synchronized void start(TransportListener listener) throws IOException {
        if (registry != null) {
            throw new IllegalStateException("The transport is already started");
        }
        String advertiseHost = settings.advertiseHost() != null ? settings.advertiseHost()
                : AdvertisedHost.derive(settings.bindAddress());
        EventLoopGroup loops = SharedEventLoops.JVM.acquire();
        LinkRegistry links = new LinkRegistry(listener, settings.connectAll(), loops.next());
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops)
            .channel(NioServerSocketChannel.class)
            // Accept nothing until self() is known; the kernel queues early peers
            // meanwhile.
            .option(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.AUTO_READ, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(LinkInitializer.accepting(settings, this::self, psk, links, admission));
        ChannelFuture bound = bootstrap.bind(settings.bindAddress(), settings.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            SharedEventLoops.JVM.release(loops);
            throw new TransportBindException(settings.bindAddress(), settings.port(), bound.cause());
        }
        int port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
        this.self = new ClusterNode(new NodeAddress(settings.nodeName(), advertiseHost, port),
                new SecureRandom().nextLong(), Instant.now(), ClusterNode.Direction.LOCAL, metadata);
        links.updateMetadata(metadata);
        this.group = loops;
        this.server = bound.channel();
        this.registry = links;
        this.dialler = new PeerDialler(settings, loops, this::self, psk, links);
        server.config().setAutoRead(true);
        logger.info("gen-cluster transport listening on {} as {}{}", server.localAddress(), self,
                settings.serverSslContext() != null ? " (TLS)" : "");
    }

    @Override
    public ClusterNode self() {
        ClusterNode node = self;
        if (node == null) {
            throw new IllegalStateException(
                    "The transport is not started: self() is known once start() has bound the port");
        }
        return node;
    }

    /**
     * The configured port, or the bound one once started when the configured port is 0.
     */
    @Override
    public int defaultPort() {
        ClusterNode node = self;
        return node != null ? node.address().port() : settings.port();
    }

    /**
     * Sends the metadata over every live link when it changed; links in their handshake
     * get it once live.
     */
    @Override
    public synchronized void updateMetadata(Map<String, String> metadata) {
        this.metadata = NodeMetadata.checked(metadata);
        if (self != null) {
            self = self.withMetadata(this.metadata);
            registry.updateMetadata(this.metadata);
        }
    }

    @Override
    public Collection<ClusterNode> members() {
        LinkRegistry links = registry;
        return links == null ? List.of() : links.members();
    }

    @Override
    public Optional<Duration> roundTripTime(ClusterNode node) {
        LinkRegistry links = registry;
        return links == null ? Optional.empty() : links.liveLink(node).map(link -> link.roundTripTime);
    }

    /** Connections open now, in any state: tests see that duplicates were closed. */
    int openLinks() {
        LinkRegistry links = registry;
        return links == null ? 0 : links.openLinks();
    }

    /** Bytes waiting to be written on a member's live link: lets tests see the bound. */
    long pendingOutboundBytes(ClusterNode member) {
        LinkRegistry links = registry;
        return links == null ? 0 : links.liveLink(member).map(EnvelopeWriter::pendingBytes).orElse(0L);
    }

    /** Accepted connections closed at once for the bounds on unauthenticated ones. */
    long refusedConnections() {
        return admission.refusedConnections();
    }

    /**
     * Resolves the host off the event loops, dials each of its addresses in turn and
     * authenticates the peer. Completes (on an event loop) with the member, or fails with
     * a {@link io.gencluster.transport.PeerRejectedException} when the peer answered but
     * was refused, or with the I/O failure when it could not be reached.
     */
    @Override
    public CompletionStage<ClusterNode> connect(NodeAddress address) {
        LinkRegistry links = registry;
        if (links == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("The transport is not started"));
        }
        NodeAddress target = address.withDefaultPort(defaultPort());
        Optional<ClusterNode> member = links.memberAt(target);
        if (member.isPresent()) {
            return CompletableFuture.completedFuture(member.get());
        }
        NodeAddress endpoint = target.withoutName();
        CompletableFuture<ClusterNode> connected = new CompletableFuture<>();
        CompletableFuture<ClusterNode> earlier = dialling.putIfAbsent(endpoint, connected);
        if (earlier != null) {
            return earlier.copy();
        }
        connected.whenComplete((node, failure) -> dialling.remove(endpoint, connected));
        dialler.dial(target, connected);
        return connected.copy();
    }

    /**
     * Writes to the member's live link at once, or fails at once, nothing queued: not a
     * member, larger than the maximum frame size, or the link's outbound buffer above
     * {@code outboundHighWaterMark}. Completes on the link's event loop.
     */
    @Override
    public CompletionStage<Void> send(ClusterNode member, Envelope envelope) {
        LinkRegistry links = registry;
        return EnvelopeWriter.send(links == null ? Optional.empty() : links.liveLink(member), member, envelope,
                settings.maxFrameSize());
    }

    /**
     * Reports the member down as {@code DISCONNECTED} at once, sends it a goodbye (it
     * reports {@code DISCONNECTED} too) and closes the link; completes when the link is
     * closed. Does nothing for a node that is not a member.
     */
    @Override
    public CompletionStage<Void> disconnect(ClusterNode node) {
        LinkRegistry links = registry;
        Optional<Link> live = links == null ? Optional.empty() : links.liveLink(node);
        if (live.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        live.get().disconnect(links, closed, GOODBYE_TIMEOUT);
        return closed;
    }

    /**
     * Closes the listening port, says goodbye to every member and waits up to a second
     * for them to close their ends, then closes every link and waits for that (the event
     * loops, shared by the JVM's transports, stop with the last one); every member is
     * reported down as {@code STOPPED} before this returns (the members see this node
     * leave as {@code SHUTDOWN}). Blocks for at most about two seconds (five for the
     * JVM's last transport, which waits for the loops to end); not to be called from an
     * event loop.
     */
    @Override
    public void stop() {
        List<Link> open;
        synchronized (this) {
            if (registry == null || stopped) {
                return;
            }
            stopped = true;
            server.close().addListener(closed -> {
                if (!closed.isSuccess()) {
                    logger.debug("Could not close the listening port: {}", String.valueOf(closed.cause()));
                }
            });
            open = registry.beginStop();
        }
        List<ChannelFuture> closed = new ArrayList<>();
        closed.add(server.closeFuture());
        List<ChannelFuture> goodbyes = new ArrayList<>();
        for (Link link : open) {
            if (link.state == Link.State.ACTIVE) {
                goodbyes.add(link.sayGoodbye(Message.Goodbye.Reason.SHUTDOWN, GOODBYE_TIMEOUT));
            }
        }
        long deadline = System.nanoTime() + GOODBYE_TIMEOUT.toNanos();
        for (ChannelFuture goodbye : goodbyes) {
            goodbye.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        open.forEach(link -> closed.add(link.channel.close()));
        dialler.stop();
        new ArrayList<>(dialling.values())
            .forEach(pending -> pending.completeExceptionally(new IOException("The transport stopped")));
        long closeDeadline = System.nanoTime() + GOODBYE_TIMEOUT.toNanos();
        for (ChannelFuture close : closed) {
            close.awaitUninterruptibly(Math.max(0, closeDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        SharedEventLoops.JVM.release(group);
        registry.finishStop();
        logger.info("gen-cluster transport {} stopped", self);
    }

}
