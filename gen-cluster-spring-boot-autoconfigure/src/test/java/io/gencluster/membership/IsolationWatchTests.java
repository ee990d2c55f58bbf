package io.gencluster.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Isolation counted on a test clock, the member counts given as the member table gives
 * them, with the default policy: more than half of the cluster (this node counted) lost
 * within 30 s.
 */
class IsolationWatchTests {

    private static final List<ClusterNode> PEERS = IntStream.range(0, 6)
        .mapToObj(peer -> DialScript.node("p" + peer, 5000 + peer, ClusterNode.Direction.INBOUND))
        .toList();

    private final TestClock clock = new TestClock();

    private final IsolationWatch watch = new IsolationWatch(IsolationPolicy.DEFAULT, clock);

    /**
     * Fails if exactly half of the cluster missing still counts as isolated once members
     * come back: of three peers all lost, one back leaves two of four missing.
     */
    @Test
    void exactlyHalfOfTheClusterMissingIsNoLongerIsolated() {
        lose(0, 2);
        lose(1, 1);
        lose(2, 0);
        assertThat(watch.isolation()).contains(new Isolation(clock.instant(), 3, 3));

        watch.joined(PEERS.get(0), 1);

        assertThat(watch.isolation()).isEmpty();
    }

    /**
     * Fails if a further loss while isolated is not counted from the members left: six
     * peers, four lost isolate this node, a fifth makes five of six missing.
     */
    @Test
    void aFurtherLossWhileIsolatedCountsTheMembersLeft() {
        Instant at = clock.instant();
        for (int peer = 0; peer < 4; peer++) {
            lose(peer, 5 - peer);
        }
        assertThat(watch.isolation()).contains(new Isolation(at, 4, 6));

        lose(4, 1);

        assertThat(watch.isolation()).contains(new Isolation(at, 5, 6));
    }

    /**
     * Fails if the losses of an isolation that ended still count: after it, one more loss
     * of the two members left is not isolation.
     */
    @Test
    void theLossesOfAnEndedIsolationNoLongerCount() {
        lose(0, 3);
        lose(1, 2);
        lose(2, 1);
        assertThat(watch.isolation()).isPresent();
        watch.joined(PEERS.get(0), 2);
        assertThat(watch.isolation()).isEmpty();

        lose(3, 1);

        assertThat(watch.isolation()).isEmpty();
    }

    private void lose(int peer, int membersLeft) {
        watch.left(PEERS.get(peer), LeaveReason.HEARTBEAT_TIMEOUT, membersLeft);
    }

}
