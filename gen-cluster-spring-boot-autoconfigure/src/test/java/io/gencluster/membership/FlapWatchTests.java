package io.gencluster.membership;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting leaves on a test clock: two leaves within a minute make a peer flapping. */
class FlapWatchTests {

    private static final ClusterNode B = DialScript.node("b", 4371, ClusterNode.Direction.INBOUND);

    private final TestClock clock = new TestClock();

    private final FlapWatch flaps = new FlapWatch(new FlapPolicy(2, Duration.ofMinutes(1)), Duration.ofSeconds(5),
            clock);

    /**
     * Fails if a leave older than the window still counts towards the threshold when the
     * peer leaves again (and no refresh has expired it in between).
     */
    @Test
    void aLeaveOlderThanTheWindowDoesNotCountTowardsFlapping() {
        flaps.left(B);
        clock.advance(Duration.ofMinutes(1));

        flaps.left(B);

        assertThat(flaps.redialAfter(B.id())).isEmpty();
        assertThat(flaps.flapping()).isEmpty();
    }

    /**
     * Fails if the flapping peers are listed from the last expiry, not now: a peer whose
     * leaves all aged out is no longer flapping, whether a refresh ran or not.
     */
    @Test
    void aPeerIsNoLongerListedAsFlappingOnceItsLeavesAgedOut() {
        flaps.left(B);
        flaps.left(B);
        assertThat(flaps.flapping()).extracting(FlappingPeer::id).containsExactly(B.id());

        clock.advance(Duration.ofMinutes(1));

        assertThat(flaps.flapping()).isEmpty();
    }

    /**
     * Fails if more peers than the bound are counted: the one beyond it is never marked
     * flapping.
     */
    @Test
    void countsAtMostTheBoundOfPeers() {
        for (int peer = 0; peer < FlapWatch.MAX_TRACKED; peer++) {
            flaps.left(DialScript.node("n" + peer, 5000 + peer, ClusterNode.Direction.INBOUND));
        }
        ClusterNode beyond = DialScript.node("beyond", 4999, ClusterNode.Direction.INBOUND);

        flaps.left(beyond);
        flaps.left(beyond);

        assertThat(flaps.redialAfter(beyond.id())).isEmpty();
        assertThat(flaps.flapping()).isEmpty();
    }

}
