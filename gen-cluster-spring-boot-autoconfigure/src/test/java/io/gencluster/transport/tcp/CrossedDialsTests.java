package io.gencluster.transport.tcp;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CrossedDials} alone, on links of embedded channels: which end refuses a crossed
 * dial, and the dials that wait for a member.
 */
class CrossedDialsTests {

    private final ClusterNode self = node("a", 4370, 1);

    private final LiveLinks links = new LiveLinks();

    private final CrossedDials crossed = new CrossedDials();

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /**
     * Fails if a node refuses the dial of a peer with its own id (another incarnation at
     * the same address, a copy of its configuration) while it dials that address: the
     * peer's check is the same, so both ends would refuse each other and neither link
     * would come up. Only the end whose id sorts first may refuse.
     */
    @Test
    void aPeerWithThisNodesOwnIdIsNeverRefusedAsACrossedDial() {
        Link dialling = new Link(channel, ClusterNode.Direction.OUTBOUND, self, self.address());
        links.opened(dialling);
        ClusterNode later = node("b", 4371, 1);
        Link toLater = new Link(new EmbeddedChannel(), ClusterNode.Direction.OUTBOUND, self, later.address());
        links.opened(toLater);

        assertThat(CrossedDials.ownLinkWins(self, later, links)).as("a peer whose id sorts after").isTrue();
        assertThat(CrossedDials.ownLinkWins(self, node("a", 4370, 2), links)).as("its own id").isFalse();
        toLater.channel.close();
    }

    /**
     * Fails if a node refuses the dial of a peer whose id sorts after its own when its
     * live link to that peer is one the peer dialled, or one to an older incarnation, or
     * when it has no link and no dial to the peer: the peer's dial would then wait for a
     * link of this node's that does not come.
     */
    @Test
    void onlyALiveLinkThisNodeDialledToThatIncarnationOrADialUnderWayWins() {
        ClusterNode peer = node("b", 4371, 2);
        assertThat(CrossedDials.ownLinkWins(self, peer, links)).as("no link, no dial").isFalse();

        links.makeLive(peer.id(), liveLink(ClusterNode.Direction.INBOUND, peer));
        assertThat(CrossedDials.ownLinkWins(self, peer, links)).as("a live link the peer dialled").isFalse();

        links.makeLive(peer.id(), liveLink(ClusterNode.Direction.OUTBOUND, node("b", 4371, 1)));
        assertThat(CrossedDials.ownLinkWins(self, peer, links)).as("a live link to an older incarnation").isFalse();

        links.makeLive(peer.id(), liveLink(ClusterNode.Direction.OUTBOUND, peer));
        assertThat(CrossedDials.ownLinkWins(self, peer, links)).as("a live link this node dialled").isTrue();
    }

    /**
     * Fails if a dial that starts waiting for one member drops the dials already waiting
     * for another (the clean-up of ended dials taking live ones along): those would then
     * wait until the handshake timeout although their member came up.
     */
    @Test
    void dialsWaitingForOneMemberStayWaitingWhileADialForAnotherStarts() {
        ClusterNode b = node("b", 4371, 1);
        CompletableFuture<ClusterNode> forB = new CompletableFuture<>();
        CompletableFuture<ClusterNode> forC = new CompletableFuture<>();
        crossed.await(b.id(), forB, links);
        crossed.await(node("c", 4372, 1).id(), forC, links);

        crossed.arrived(linkOf(b));
        channel.runPendingTasks();

        assertThat(forB).isCompletedWithValue(b);
        assertThat(forC).isNotDone();
    }

    /**
     * Fails if an id whose dials have all ended stays awaited (the clean-up keeping
     * emptied lists): the id comes from a refusal that proved nothing, so a listener at a
     * dialled address that names a new id at every refusal would grow the table by one
     * entry per dial for as long as the node runs.
     */
    @Test
    void anIdWhoseDialsHaveEndedIsDroppedAtTheNextRefusal() {
        CompletableFuture<ClusterNode> timedOut = new CompletableFuture<>();
        crossed.await("made-up-1@10.0.0.9:4370", timedOut, links);
        timedOut.completeExceptionally(new IllegalStateException("handshake timeout"));

        crossed.await("made-up-2@10.0.0.9:4370", new CompletableFuture<>(), links);

        assertThat(crossed.idsAwaited()).isOne();
    }

    /**
     * Fails if a dial still waiting when the transport stops, or one refused after, is
     * left to its handshake timeout instead of failing at once.
     */
    @Test
    void theStopFailsTheDialsWaitingAndAnyRefusedAfter() {
        CompletableFuture<ClusterNode> waiting = new CompletableFuture<>();
        crossed.await(node("b", 4371, 1).id(), waiting, links);

        crossed.stop();
        CompletableFuture<ClusterNode> after = new CompletableFuture<>();
        crossed.await(node("c", 4372, 1).id(), after, links);

        assertThat(waiting).isCompletedExceptionally();
        assertThat(after).isCompletedExceptionally();
    }

    private Link liveLink(ClusterNode.Direction direction, ClusterNode member) {
        Link link = new Link(channel, direction, self, null);
        link.member = member;
        link.state = Link.State.ACTIVE;
        return link;
    }

    private Link linkOf(ClusterNode member) {
        Link link = new Link(channel, ClusterNode.Direction.INBOUND, self, null);
        link.member = member;
        return link;
    }

    private static ClusterNode node(String name, int port, long incarnation) {
        return new ClusterNode(new NodeAddress(name, "127.0.0.1", port), incarnation, Instant.now(),
                ClusterNode.Direction.LOCAL);
    }

}
