package io.gencluster.transport.tcp;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the registry does as a link becomes a member's live link, or another link of the
 * same member replaces it, on bare {@link EmbeddedChannel}s whose outbound messages the
 * test reads: the metadata a handshake missed, the metadata a second handshake brought,
 * the link reports it forwards, and the dials it holds when the transport stops.
 */
class LinkRegistryLiveLinkTests {

    private final ClusterNode self = node("self", 4370);

    private final ClusterNode peer = node("peer", 4371);

    private final EmbeddedChannel announcer = new EmbeddedChannel();

    private final RecordingTransportListener listener = new RecordingTransportListener();

    private final LinkRegistry registry = new LinkRegistry(listener, false, announcer.eventLoop());

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        announcer.finishAndReleaseAll();
    }

    /**
     * Fails if a link whose handshake sent older metadata than this node has by the time
     * the link is live is not sent the current metadata ({@code sendIfChanged} removed
     * for a new member): the member would keep the old metadata until the next change.
     */
    @Test
    void aNewMemberIsSentMetadataThatChangedDuringItsHandshake() {
        Link link = link(peer, 0x10);
        registry.opened(link);
        link.sentMetadataVersion = registry.metadata().version();
        registry.updateMetadata(Map.of("zone", "eu-2"));

        registry.authenticated(link);

        assertThat(metadataSent(link)).containsExactly(new Message.Metadata(1, Map.of("zone", "eu-2")));
    }

    /**
     * Fails if a link that replaces a member's live link is not sent the metadata its
     * handshake missed ({@code sendIfChanged} removed for a kept second link): the old
     * link got the change, and the member reads only the new one from now on.
     */
    @Test
    void aLinkThatReplacesTheLiveOneIsSentMetadataThatChangedDuringItsHandshake() {
        Link first = join(peer, 0x7f);
        Link second = link(peer, 0x01);
        registry.opened(second);
        second.sentMetadataVersion = registry.metadata().version();
        registry.updateMetadata(Map.of("zone", "eu-2"));
        assertThat(metadataSent(first)).as("over the live link").hasSize(1);

        assertThat(registry.authenticated(second)).isNotNull();

        assertThat(registry.liveLink(peer)).contains(second);
        assertThat(metadataSent(second)).containsExactly(new Message.Metadata(1, Map.of("zone", "eu-2")));
    }

    /**
     * Fails if newer metadata that the handshake of a member's second link brought is not
     * reported when that link loses to the live one (the {@code ifPresent} that tells the
     * listener removed).
     */
    @Test
    void newerMetadataFromTheHandshakeOfALosingSecondLinkIsReported() {
        join(peer, 0x01);
        Link second = link(peer.withMetadata(Map.of("zone", "eu-3")), 0x7f);
        second.peerMetadataVersion = 1;
        registry.opened(second);

        registry.authenticated(second);

        assertThat(registry.liveLink(peer)).isPresent().get().isNotSameAs(second);
        assertThat(listener.events()).filteredOn(event -> event.type().equals("metadata"))
            .singleElement()
            .satisfies(event -> assertThat(event.node().metadata()).isEqualTo(Map.of("zone", "eu-3")));
        assertThat(registry.members()).singleElement()
            .satisfies(member -> assertThat(member.metadata()).isEqualTo(Map.of("zone", "eu-3")));
    }

    /**
     * Fails if a member's link report is not forwarded from its live link, or is
     * forwarded from a superseded link or from one still in its handshake (either test in
     * {@code linksReported} negated).
     */
    @Test
    void linkReportsCountOnlyFromTheMembersLiveLink() {
        Link live = join(peer, 0x01);
        Link superseded = link(peer, 0x7f);
        registry.opened(superseded);
        registry.authenticated(superseded);
        Link handshaking = link(node("other", 4372), 0x20);
        registry.opened(handshaking);
        NodeAddress linked = new NodeAddress("third", "127.0.0.1", 4373);
        NodeAddress stale = new NodeAddress("gone", "127.0.0.1", 4374);

        registry.linksReported(superseded, new Message.Links(List.of(stale), List.of()));
        registry.linksReported(handshaking, new Message.Links(List.of(stale), List.of()));
        registry.linksReported(live, new Message.Links(List.of(linked), List.of()));

        assertThat(listener.linkReports(peer)).containsExactly(Set.of(linked));
        assertThat(listener.linkReports(handshaking.peer)).isEmpty();
    }

    /**
     * Fails if a dial that waits for the member of a crossed dial is left waiting when
     * the transport stops, or a later one waits (the {@code CrossedDials.stop} in
     * {@code beginStop} removed): it would end only at the handshake timeout.
     */
    @Test
    void dialsWaitingForACrossedLinkFailWhenTheTransportStops() {
        CompletableFuture<ClusterNode> waiting = new CompletableFuture<>();
        registry.awaitMember(peer.id(), waiting);
        assertThat(waiting).isNotDone();

        registry.beginStop();
        CompletableFuture<ClusterNode> later = new CompletableFuture<>();
        registry.awaitMember(peer.id(), later);

        for (CompletableFuture<ClusterNode> dial : List.of(waiting, later)) {
            assertThat(dial).isCompletedExceptionally();
            assertThat(dial.handle((member, failure) -> failure).join()).isInstanceOf(IOException.class)
                .hasMessage("The transport is stopping");
        }
    }

    /**
     * A member over a new link of this node's whose handshake hash is all {@code hash}.
     */
    private Link join(ClusterNode node, int hash) {
        Link link = link(node, hash);
        registry.opened(link);
        assertThat(registry.authenticated(link)).isNotNull();
        return link;
    }

    /**
     * A link this node dialled, authenticated as {@code node}, handshake hash all
     * {@code hash}: of two links to one member the smaller hash is kept.
     */
    private Link link(ClusterNode node, int hash) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        Link link = new Link(channel, ClusterNode.Direction.OUTBOUND, self, null);
        link.peer = node;
        link.handshakeHash = new byte[32];
        Arrays.fill(link.handshakeHash, (byte) hash);
        return link;
    }

    private static List<Message> metadataSent(Link link) {
        return SentMessages.drain(link).stream().filter(Message.Metadata.class::isInstance).toList();
    }

    private static ClusterNode node(String name, int port) {
        return new ClusterNode(new NodeAddress(name, "127.0.0.1", port), port, Instant.now(),
                ClusterNode.Direction.LOCAL);
    }

}
