package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.gencluster.LeaveReason;
import io.gencluster.transport.tcp.EmbeddedNodes.Connection;
import io.gencluster.transport.tcp.EmbeddedNodes.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Link#disconnect} on embedded links: a request to disconnect a member that
 * reaches a link which another link of the same member replaced meanwhile.
 */
class LinkDisconnectTests {

    private static final Duration LINGER = Duration.ofSeconds(1);

    private final EmbeddedNodes nodes = new EmbeddedNodes();

    private final Node low = nodes.node("a", 4370, 2);

    private final Node high = nodes.node("b", 4371, 1);

    @AfterEach
    void close() {
        nodes.close();
    }

    /**
     * Fails if a disconnect that reaches a replaced link completes without taking the
     * member down over the link that replaced it (the successor lookup in
     * {@code Link.disconnect}, either of its two tests, or the call to the successor
     * removed): the caller would be told the member is disconnected while it stays a
     * member, or would wait for ever.
     */
    @Test
    void aDisconnectThatReachesAReplacedLinkFollowsTheLinkThatReplacedIt() {
        Connection first = nodes.connect(low, high);
        first.settle();
        Connection second = nodes.connect(low, high);
        second.settle();
        first.settle();
        Link live = low.registry().liveLink(high.self()).orElseThrow();
        Connection replaced = live == first.diallerLink() ? second : first;
        Connection kept = replaced == first ? second : first;
        assertThat(replaced.diallerLink().state).isNotEqualTo(Link.State.ACTIVE);
        CompletableFuture<Void> closed = new CompletableFuture<>();

        replaced.diallerLink().disconnect(low.registry(), closed, LINGER);
        nodes.runPendingTasks();
        nodes.runPendingTasks();

        assertThat(low.listener().leaveReasons(high.self().id())).containsExactly(LeaveReason.DISCONNECTED);
        assertThat(low.registry().members()).isEmpty();
        kept.settle();
        assertThat(high.listener().leaveReasons(low.self().id())).containsExactly(LeaveReason.DISCONNECTED);
        assertThat(closed).isCompleted();
    }

    /**
     * Fails if a disconnect that reaches a link with no member behind it (still in its
     * handshake) does not complete at once.
     */
    @Test
    void aDisconnectOfALinkThatNeverCarriedAMemberCompletesAtOnce() {
        Connection handshaking = nodes.connect(low, high);
        CompletableFuture<Void> closed = new CompletableFuture<>();

        handshaking.diallerLink().disconnect(low.registry(), closed, LINGER);
        nodes.runPendingTasks();

        assertThat(closed).isCompleted();
        assertThat(low.listener().events()).isEmpty();
    }

}
