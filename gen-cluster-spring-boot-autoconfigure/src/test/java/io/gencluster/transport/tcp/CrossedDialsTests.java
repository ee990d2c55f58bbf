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
