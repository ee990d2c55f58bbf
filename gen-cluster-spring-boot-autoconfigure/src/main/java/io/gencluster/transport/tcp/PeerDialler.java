package io.gencluster.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.transport.tcp.noise.Psk;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.NoopAddressResolver;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials peers for a {@link TcpTransport}: resolves a peer's host on its own threads
 * (resolution may block, the event loops must not), waits for one of the
 * {@link DialSlots}, then tries each of the peer's addresses in turn until one connects.
 */
final class PeerDialler {

    private static final Logger logger = LoggerFactory.getLogger(PeerDialler.class);

    private final TcpTransportSettings settings;

    private final EventLoopGroup group;

    private final Supplier<ClusterNode> self;

    private final Psk psk;

    private final LinkRegistry links;

    private final ThreadPoolExecutor resolver;

    private final DialSlots slots;

    private final RefusalLog refusals = new RefusalLog();

    /**
     * Addresses come resolved: a group of this dialler's own leaves Netty nothing to do
     * and keeps its event loops off the lock its shared default takes at every connect
     * (with 100 nodes forming in one JVM, a third of the event loops were found queued on
     * it).
     */
    private final AddressResolverGroup<SocketAddress> alreadyResolved = new AlreadyResolved();

    PeerDialler(TcpTransportSettings settings, EventLoopGroup group, Supplier<ClusterNode> self, Psk psk,
            LinkRegistry links) {
        this(settings, group, self, psk, links, DialSlots.JVM);
    }

    PeerDialler(TcpTransportSettings settings, EventLoopGroup group, Supplier<ClusterNode> self, Psk psk,
            LinkRegistry links, DialSlots slots) {
        this.settings = settings;
        this.slots = slots;
        this.group = group;
        this.self = self;
        this.psk = psk;
        this.links = links;
        this.resolver = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("gen-cluster-resolver", true));
        this.resolver.allowCoreThreadTimeOut(true);
    }

    /**
     * Resolves the target's host and dials its addresses; {@code connected} completes
     * once the peer is authenticated, or fails with the last address's failure.
     */
    void dial(NodeAddress target, CompletableFuture<ClusterNode> connected) {
        connected.whenComplete((node, failure) -> refusals.ended(target, failure));
        try {
            resolver.execute(() -> resolveAndDial(target, connected));
        }
        catch (RejectedExecutionException ex) {
            connected.completeExceptionally(new IOException("The transport is stopped"));
        }
    }

    /**
     * Stops resolving and fails the dials waiting for a slot; dials already under way end
     * with the event loops.
     */
    void stop() {
        slots.abandon(resolver);
        resolver.shutdownNow();
        alreadyResolved.close();
    }

    private void resolveAndDial(NodeAddress target, CompletableFuture<ClusterNode> connected) {
        List<InetAddress> addresses;
        try {
            addresses = settings.hostResolver().resolve(target.host());
            if (addresses == null || addresses.isEmpty()) {
                throw new UnknownHostException("No address for host " + target.host());
            }
        }
        catch (UnknownHostException ex) {
            connected.completeExceptionally(ex);
            return;
        }
        catch (RuntimeException ex) {
            connected.completeExceptionally(new IOException("Could not resolve " + target.host() + ": " + ex, ex));
            return;
        }
        List<InetAddress> resolved = Collections.unmodifiableList(addresses);
        slots.run(resolver, connected, slot -> {
            connected.whenComplete((node, failure) -> slot.free());
            // While it waited for its slot, the peer may have linked to this node.
            Optional<ClusterNode> member = links.memberAt(target);
            if (member.isPresent()) {
                connected.complete(member.get());
                return;
            }
            dial(target, resolved, 0, connected, slot);
        });
    }

    private void dial(NodeAddress target, List<InetAddress> addresses, int index,
            CompletableFuture<ClusterNode> connected, DialSlots.Slot slot) {
        if (connected.isDone()) {
            return;
        }
        InetSocketAddress remote = new InetSocketAddress(addresses.get(index), target.port());
        Bootstrap bootstrap = new Bootstrap().group(group)
            .channel(NioSocketChannel.class)
            .resolver(alreadyResolved)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(LinkInitializer.dialling(settings, self, psk, links, target, connected));
        try {
            bootstrap.connect(remote).addListener((ChannelFutureListener) future -> {
                if (future.isSuccess()) {
                    future.channel().closeFuture().addListener(closed -> slot.free());
                    return;
                }
                if (index + 1 < addresses.size()) {
                    logger.debug("Could not connect to {} ({}), trying the next address", remote,
                            String.valueOf(future.cause()));
                    dial(target, addresses, index + 1, connected, slot);
                }
                else {
                    connected.completeExceptionally(future.cause());
                }
            });
        }
        catch (RejectedExecutionException ex) {
            connected.completeExceptionally(new IOException("The transport is stopped"));
        }
    }

    /** Resolves nothing: every address it is given is resolved already. */
    private static final class AlreadyResolved extends AddressResolverGroup<SocketAddress> {

        @Override
        protected AddressResolver<SocketAddress> newResolver(EventExecutor executor) {
            return new NoopAddressResolver(executor);
        }

    }

}
