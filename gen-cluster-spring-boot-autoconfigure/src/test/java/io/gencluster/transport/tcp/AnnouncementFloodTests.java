package io.gencluster.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.StaticDiscovery;
import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.ClusterManagerSettings;
import io.gencluster.testsupport.TestCookies;
import io.gencluster.transport.ClusterTransport;
import io.gencluster.transport.TransportListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Authenticated peers that announce floods of addresses to a real node (the "trustworthy
 * links" attacks): the node dials no more than its bounds allow, keeps its file
 * descriptors, and stays a member of its real peer. Announced addresses point at a trap
 * that never completes a handshake, so every dial the node makes stays in flight for a
 * while.
 */
class AnnouncementFloodTests {

    /** The default bounds: dials in flight and pending peers. */
    private static final int MAX_CONCURRENT_DIALS = 64;

    private static final int MAX_PENDING_PEERS = 1024;

    /**
     * File descriptors the node may open beyond its dials: attacker links, the trap, the
     * JVM's own.
     */
    private static final int DESCRIPTOR_SLACK = 48;

    private static final Duration HOLDS_FOR = Duration.ofSeconds(3);

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestTransports transports = new TestTransports();

    private final List<RawPeer> attackers = new ArrayList<>();

    private ServerSocket trap;

    private TestTransports.Node real;

    private CountingTransport transport;

    private ClusterManager victim;

    private long descriptorsBefore;

    @BeforeEach
    void startVictimAndItsRealPeer() throws Exception {
        // A wildcard listener that never accepts: dials of 127.x.y.z:port hang in its
        // full backlog.
        trap = new ServerSocket();
        trap.bind(new InetSocketAddress(0), 1);
        real = transports.start("real");
        // Attackers send no heartbeats: a long timeout keeps their links, and what they
        // announced, alive.
        transport = new CountingTransport(new TcpTransport(
                TestTransports.settings("victim").withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(60))));
        victim = new ClusterManager(transport, List.of(new StaticDiscovery(List.of(real.address()))),
                ClusterManagerSettings.every(Duration.ofMillis(500)), event -> {
                });
        victim.start();
        await().atMost(WAIT).until(() -> victim.member(real.self().id()).isPresent());
        descriptorsBefore = openDescriptors();
    }

    @AfterEach
    void stop() throws IOException {
        for (RawPeer attacker : attackers) {
            attacker.close();
        }
        victim.stop();
        transports.close();
        trap.close();
    }

    @Test
    void tenThousandAddressesInOneFrameCloseTheLinkAndDialNothing() throws Exception {
        RawPeer attacker = attack("attacker", addresses(0, 10_000));

        await().atMost(WAIT).until(attacker::isClosedByPeer);
        assertBoundsHold();
        assertThat(transport.dials()).as("no announced address is dialled").isZero();
    }

    @Test
    void fiftyFiveThousandAddressesInOneFrameCloseTheLinkAndDialNothing() throws Exception {
        RawPeer attacker = attack("attacker", addresses(0, 55_000));

        await().atMost(WAIT).until(attacker::isClosedByPeer);
        assertBoundsHold();
        assertThat(transport.dials()).as("no announced address is dialled").isZero();
    }

    @Test
    void tenThousandAddressesFromTenMembersStayWithinThePendingAndDialBounds() throws Exception {
        for (int i = 0; i < 10; i++) {
            attack("attacker" + i, addresses(i * 1_000, 1_000));
        }

        await().atMost(WAIT).until(() -> transport.dials() >= MAX_CONCURRENT_DIALS);
        assertBoundsHold();
        assertThat(transport.distinctTargets()).as("announced peers kept to dial, the real one aside")
            .isLessThanOrEqualTo(MAX_PENDING_PEERS + 1);
    }

    @Test
    void anAnnouncementOverASupersededLinkIsIgnored() throws Exception {
        TestTransports.Node node = transports.start("node");
        ClusterNode identity = new ClusterNode(new NodeAddress("raw", "127.0.0.1", 9), 7, Instant.now(),
                ClusterNode.Direction.LOCAL);
        try (RawPeer first = RawPeer.connect(node.address()); RawPeer second = RawPeer.connect(node.address())) {
            first.handshake(identity, TestCookies.SHARED);
            await().atMost(WAIT).until(() -> node.listener().members().size() == 1);
            second.handshake(identity, TestCookies.SHARED);
            RawPeer superseded = saysDuplicate(second) ? second : first;
            RawPeer live = superseded == second ? first : second;
            live.send(new Message.Heartbeat(System.nanoTime(), 0, Message.Heartbeat.NOTHING_ECHOED));
            NodeAddress fromSuperseded = new NodeAddress("evil", "127.0.0.1", 22);
            NodeAddress fromLive = new NodeAddress("good", "127.0.0.1", 4370);

            // Frames of one link are handled in order: once the goodbye closed it, the
            // announcement was handled.
            superseded.send(new Message.Members(List.of(fromSuperseded), List.of()));
            superseded.send(new Message.Goodbye(Message.Goodbye.Reason.DUPLICATE));
            await().atMost(WAIT).until(superseded::isClosedByPeer);
            live.send(new Message.Members(List.of(fromLive), List.of()));

            await().atMost(WAIT).until(() -> !node.listener().announcementsBy(identity).isEmpty());
            assertThat(node.listener().announcementsBy(identity))
                .containsExactly(new RecordingTransportListener.Announcement(Set.of(fromLive), Set.of()));
        }
    }

    /**
     * Connects a raw peer as a member of the victim and has it announce the addresses.
     */
    private RawPeer attack(String name, List<NodeAddress> announced) throws IOException {
        RawPeer attacker = RawPeer.connect(victim.self().address());
        attackers.add(attacker);
        attacker.handshake(
                new ClusterNode(new NodeAddress(name, "127.0.0.1", 1), 1, Instant.now(), ClusterNode.Direction.LOCAL),
                TestCookies.SHARED);
        // By hand: this node's own encoder refuses to write more addresses than one frame
        // may carry.
        ByteBuf frame = Unpooled.buffer().writeByte(MessageCodec.MEMBERS).writeInt(announced.size());
        for (NodeAddress address : announced) {
            byte[] host = address.host().getBytes(StandardCharsets.US_ASCII);
            frame.writeShort(0).writeShort(host.length).writeBytes(host).writeShort(address.port());
        }
        frame.writeInt(0);
        attacker.sendFrame(ByteBufUtil.getBytes(frame));
        return attacker;
    }

    /**
     * Over a period: dials in flight, pending peers and descriptors stay bounded; the
     * real peer stays.
     */
    private void assertBoundsHold() {
        await().during(HOLDS_FOR)
            .atMost(HOLDS_FOR.plus(WAIT))
            .until(() -> transport.inFlight() <= MAX_CONCURRENT_DIALS && victim.pending().size() <= MAX_PENDING_PEERS
                    && openDescriptors() <= descriptorsBefore + MAX_CONCURRENT_DIALS + DESCRIPTOR_SLACK
                    && victim.member(real.self().id()).isPresent()
                    && real.listener().members().stream().anyMatch(member -> member.id().equals(victim.self().id())));
        assertThat(transport.mostInFlight()).isLessThanOrEqualTo(MAX_CONCURRENT_DIALS);
    }

    /**
     * Whether the node tells this link, within a second and a half, that the other link
     * won.
     */
    private static boolean saysDuplicate(RawPeer peer) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (System.nanoTime() < deadline) {
            if (peer.receive() instanceof Message.Goodbye goodbye) {
                return goodbye.reason() == Message.Goodbye.Reason.DUPLICATE;
            }
        }
        return false;
    }

    /** Distinct loopback endpoints, all at the trap's port. */
    private List<NodeAddress> addresses(int from, int count) {
        List<NodeAddress> addresses = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            addresses.add(new NodeAddress(null, "127.0." + (i / 250) + "." + (i % 250 + 1), trap.getLocalPort()));
        }
        return addresses;
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }

    /** The victim's transport, counting the dials the cluster manager asks of it. */
    private static final class CountingTransport implements ClusterTransport {

        private final ClusterTransport delegate;

        private final AtomicInteger inFlight = new AtomicInteger();

        private final AtomicInteger mostInFlight = new AtomicInteger();

        private final AtomicInteger dials = new AtomicInteger();

        private final Set<NodeAddress> targets = ConcurrentHashMap.newKeySet();

        CountingTransport(ClusterTransport delegate) {
            this.delegate = delegate;
        }

        int inFlight() {
            return inFlight.get();
        }

        int mostInFlight() {
            return mostInFlight.get();
        }

        /** Dials of anything but the real peer's port. */
        int dials() {
            return dials.get();
        }

        int distinctTargets() {
            return targets.size();
        }

        @Override
        public void start(TransportListener listener) throws Exception {
            delegate.start(listener);
        }

        @Override
        public ClusterNode self() {
            return delegate.self();
        }

        @Override
        public int defaultPort() {
            return delegate.defaultPort();
        }

        @Override
        public Collection<ClusterNode> members() {
            return delegate.members();
        }

        @Override
        public CompletionStage<ClusterNode> connect(NodeAddress address) {
            targets.add(address.withoutName());
            if (!"real".equals(address.name())) {
                dials.incrementAndGet();
            }
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return delegate.connect(address).whenComplete((node, failure) -> inFlight.decrementAndGet());
        }

        @Override
        public CompletionStage<Void> disconnect(ClusterNode node) {
            return delegate.disconnect(node);
        }

        @Override
        public Optional<Duration> roundTripTime(ClusterNode node) {
            return delegate.roundTripTime(node);
        }

        @Override
        public void stop() {
            delegate.stop();
        }

    }

}
