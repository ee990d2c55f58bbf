package io.gencluster.transport.tcp;

import java.util.List;

import io.gencluster.LeaveReason;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's side of a stop and of a request to disconnect, on embedded links. */
class LinkRegistryStopTests {

    private final EmbeddedNodes nodes = new EmbeddedNodes();

    private final Node self = nodes.node("self", 4370, 1);

    private final Node live = nodes.node("live", 4371, 2);

    private final Node later = nodes.node("later", 4372, 3);

    @AfterEach
    void close() {
        nodes.close();
    }

    /**
     * Fails if the links to say goodbye on are not the live ones first, or leave out a
     * link still in its handshake, or list one twice.
     */
    @Test
    void aStopListsTheLiveLinksFirstThenTheOthersOnce() {
        Connection handshaking = nodes.connect(self, later);
        Connection member = nodes.connect(self, live);
        member.settle();

        List<Link> open = self.registry().beginStop();

        assertThat(open).containsExactly(member.diallerLink(), handshaking.diallerLink());
    }

    /**
     * Fails if a member whose close was never seen is not reported as {@code STOPPED}
     * when the stop ends.
     */
    @Test
    void membersStillUpWhenTheStopEndsLeaveAsStopped() {
        nodes.connect(self, live).settle();
        self.registry().beginStop();

        self.registry().finishStop();

        assertThat(self.listener().leaveReason(live.self())).contains(LeaveReason.STOPPED);
        assertThat(self.registry().members()).isEmpty();
        assertThat(self.registry().openLinks()).isZero();
    }

    /**
     * Fails if a link that is no longer live can be disconnected (a second leave), or
     * takes a goodbye as a leave.
     */
    @Test
    void onlyALiveLinkIsDisconnectedOrTakesAGoodbye() {
        Connection member = nodes.connect(self, live);
        member.settle();
        Link link = member.diallerLink();

        assertThat(self.registry().disconnect(link)).isTrue();
        assertThat(self.registry().disconnect(link)).isFalse();
        self.registry().goodbye(link, Message.Goodbye.Reason.SHUTDOWN);

        assertThat(self.listener().leaveReasons(live.self().id())).containsExactly(LeaveReason.DISCONNECTED);
    }

}
