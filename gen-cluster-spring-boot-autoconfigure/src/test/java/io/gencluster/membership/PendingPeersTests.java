package io.gencluster.membership;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gencluster.NodeAddress;

import static org.assertj.core.api.Assertions.assertThat;

class PendingPeersTests {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    private static final NodeAddress A = NodeAddress.of("10.0.0.1", 4370);

    private static final NodeAddress B = NodeAddress.of("10.0.0.2", 4370);

    private static final NodeAddress C = NodeAddress.of("10.0.0.3", 4370);

    private final Set<ClusterLimit> hit = EnumSet.noneOf(ClusterLimit.class);

    /** Fails if more peers than the bound are kept pending. */
    @Test
    void keepsAtMostTheBoundOfPendingPeers() {
        PendingPeers pending = new PendingPeers(limits(2, 10));

        assertThat(pending.claim(A, false, NOW, hit)).contains(A);
        assertThat(pending.claim(B, false, NOW, hit)).contains(B);
        assertThat(pending.claim(C, false, NOW, hit)).isEmpty();
        assertThat(hit).containsExactly(ClusterLimit.PENDING_PEERS);
    }

    /**
     * Fails if a discovered peer cannot take the place of an announced one that is not
     * being dialled.
     */
    @Test
    void aDiscoveredPeerTakesThePlaceOfAnAnnouncedOneNotBeingDialled() {
        PendingPeers pending = new PendingPeers(limits(2, 1));
        assertThat(pending.claim(A, false, NOW, hit)).contains(A);
        assertThat(pending.claim(B, true, NOW, hit)).as("no dial slot").isEmpty();

        assertThat(pending.claim(C, true, NOW, hit)).as("announced: no place for it").isEmpty();
        assertThat(hit).contains(ClusterLimit.PENDING_PEERS);
        pending.ended(A);
        assertThat(pending.claim(C, false, NOW, hit)).as("discovered: B makes room").contains(C);
        assertThat(pending.ended(B)).as("B was dropped").isEmpty();
    }

    /**
     * Fails if a peer once discovered is still treated as only announced, and evicted.
     */
    @Test
    void aPeerAlsoDiscoveredIsNoLongerEvictable() {
        PendingPeers pending = new PendingPeers(limits(2, 1));
        assertThat(pending.claim(A, false, NOW, hit)).contains(A);
        pending.claim(B, true, NOW, hit);
        pending.claim(B, false, NOW, hit);

        assertThat(pending.claim(C, false, NOW, hit)).isEmpty();
        assertThat(hit).contains(ClusterLimit.PENDING_PEERS);
    }

    /**
     * Fails if more dials than the bound are in flight at once, or an ended dial does not
     * free its slot.
     */
    @Test
    void dialsAtMostTheBoundAtOnceAndAnEndedDialFreesItsSlot() {
        PendingPeers pending = new PendingPeers(limits(10, 1));
        assertThat(pending.claim(A, false, NOW, hit)).contains(A);
        assertThat(pending.claim(B, false, NOW, hit)).isEmpty();
        assertThat(hit).containsExactly(ClusterLimit.CONCURRENT_DIALS);
        assertThat(pending.claim(A, false, NOW, hit)).as("already being dialled").isEmpty();

        assertThat(pending.ended(A)).isPresent();
        assertThat(pending.claim(B, false, NOW, hit)).contains(B);
        assertThat(pending.claim(C, false, NOW, hit)).isEmpty();
    }

    /**
     * Fails if a target held back for want of a slot is not reported once, then
     * forgotten.
     */
    @Test
    void reportsOnceThatATargetWaitedForASlot() {
        PendingPeers pending = new PendingPeers(limits(10, 1));
        pending.claim(A, false, NOW, hit);
        assertThat(pending.takeWaiting()).isFalse();

        pending.claim(B, false, NOW, hit);
        assertThat(pending.takeWaiting()).isTrue();
        assertThat(pending.takeWaiting()).isFalse();
    }

    /** Fails if the view shows peers that never failed, or hides those that did. */
    @Test
    void showsOnlyThePeersWithFailedAttempts() {
        PendingPeers pending = new PendingPeers(limits(10, 10));
        pending.claim(A, false, NOW, hit);
        pending.claim(B, false, NOW, hit);
        assertThat(pending.view()).isEmpty();

        Duration retryIn = pending.ended(A)
            .orElseThrow()
            .failed(new ConnectException("refused"), new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5)),
                    NOW);

        assertThat(pending.view()).containsExactly(new PendingPeer(A, 1, "refused", NOW.plus(retryIn)));
        pending.retainOnly(List.of(B));
        assertThat(pending.view()).isEmpty();
    }

    /**
     * Fails if a flapping peer that is not pending yet is held off beyond the bound on
     * pending peers.
     */
    @Test
    void aFlappingPeerIsHeldOffOnlyWithinTheBoundOfPendingPeers() {
        PendingPeers pending = new PendingPeers(limits(2, 10));
        pending.claim(A, false, NOW, hit);
        pending.claim(B, false, NOW, hit);

        pending.holdOff(C, NOW.plusSeconds(30));

        assertThat(pending.view()).as("A and B are being dialled, C not taken in").isEmpty();
        pending.holdOff(B, NOW.plusSeconds(30));
        assertThat(pending.view()).extracting(PendingPeer::address).containsExactly(B);
    }

    private static DialLimits limits(int maxPendingPeers, int maxConcurrentDials) {
        return new DialLimits(10, maxPendingPeers, maxConcurrentDials, List.of());
    }

}
