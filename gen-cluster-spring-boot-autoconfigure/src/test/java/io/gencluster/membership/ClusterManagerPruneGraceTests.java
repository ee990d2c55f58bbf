package io.gencluster.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.ClusterEvent;
import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.NodeAddress;
import io.gencluster.PeerLeftEvent;
import io.gencluster.discovery.DiscoveryStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@code prune-undiscovered-after}: a member discovery no longer returns is pruned only
 * once it has been missing for the grace period, on the manager's clock; one that
 * discovery returns in between starts the clock over.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterManagerPruneGraceTests {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private static final ClusterNode B = DialScript.node("b", 4371, ClusterNode.Direction.OUTBOUND);

    private final DialScript transport = new DialScript();

    private final AtomicReference<Set<NodeAddress>> answer = new AtomicReference<>(Set.of(B.address()));

    private final DiscoveryStrategy discovery = new DiscoveryStrategy() {
        @Override
        public Set<NodeAddress> discover() {
            return answer.get();
        }

        @Override
        public String describe() {
            return "scripted";
        }
    };

    private final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    private final TestClock clock = new TestClock();

    private final ClusterManager manager = new ClusterManager(transport, List.of(discovery),
            ClusterManagerSettings.every(Duration.ofHours(1)).withPruneUndiscoveredAfter(GRACE),
            event -> events.add((ClusterEvent) event), clock);

    @BeforeEach
    void joinB() {
        transport.answer(B.address(), B);
        manager.start();
        manager.refresh();
        assertThat(manager.members()).containsExactly(B);
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    /**
     * Fails if the grace period is ignored (pruned at the first refresh that misses it)
     * or never ends (kept at the refresh after it passed).
     */
    @Test
    void aMemberMissingFromDiscoveryIsPrunedOnlyOnceTheGracePeriodHasPassed() {
        Instant missedAt = clock.instant();
        answer.set(Set.of());

        manager.refresh();
        assertThat(manager.members()).containsExactly(B);
        assertThat(manager.undiscovered()).containsExactly(new UndiscoveredMember(B, missedAt, missedAt.plus(GRACE)));

        clock.advance(GRACE.minusMillis(1));
        manager.refresh();
        assertThat(manager.members()).containsExactly(B);

        clock.advance(Duration.ofMillis(1));
        manager.refresh();
        assertThat(manager.members()).isEmpty();
        assertThat(manager.undiscovered()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(PeerLeftEvent.class,
                left -> assertThat(left.getReason()).isEqualTo(LeaveReason.PRUNED));
    }

    /**
     * Fails if a member that discovery returns again keeps its first missing time: missed
     * again later, it would be pruned before a whole grace period of absence.
     */
    @Test
    void aMemberDiscoveryReturnsWithinTheGracePeriodStartsItsClockOver() {
        answer.set(Set.of());
        manager.refresh();
        clock.advance(GRACE.minusSeconds(1));
        answer.set(Set.of(B.address()));
        manager.refresh();
        assertThat(manager.undiscovered()).isEmpty();

        Instant missedAgainAt = clock.instant();
        answer.set(Set.of());
        manager.refresh();
        clock.advance(Duration.ofSeconds(1));
        manager.refresh();

        assertThat(manager.members()).containsExactly(B);
        assertThat(manager.undiscovered()).extracting(UndiscoveredMember::missingSince).containsExactly(missedAgainAt);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> events.size() == 1);
    }

    /**
     * Fails if a member missing from discovery, or returned again while still a member,
     * is not logged (one INFO each), or is logged again at every refresh that still
     * misses it.
     */
    @Test
    void aMemberMissedAndThenDiscoveredAgainIsLoggedOnceEach(CapturedOutput output) {
        answer.set(Set.of());
        manager.refresh();
        clock.advance(Duration.ofSeconds(1));
        manager.refresh();
        assertThat(output.getOut()).doesNotContain("is discovered again");

        answer.set(Set.of(B.address()));
        manager.refresh();
        assertThat(output.getOut())
            .containsOnlyOnce("Member " + B + " is no longer discovered: it is pruned at "
                    + clock.instant().minusSeconds(1).plus(GRACE))
            .containsOnlyOnce("Member " + B + " is discovered again: it is not pruned");
    }

    /**
     * Fails if a member that left while waiting out the grace period is still listed as
     * waiting to be pruned until the next refresh.
     */
    @Test
    void aMemberThatLeftIsNoLongerListedAsWaitingToBePruned() {
        answer.set(Set.of());
        manager.refresh();
        assertThat(manager.undiscovered()).hasSize(1);

        transport.linkDown(B, LeaveReason.HEARTBEAT_TIMEOUT);

        assertThat(manager.undiscovered()).isEmpty();
    }

    /** Fails if a negative grace period is accepted: it would prune before missing. */
    @Test
    void aNegativeGracePeriodIsRefused() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ClusterManagerSettings.defaults().withPruneUndiscoveredAfter(Duration.ofSeconds(-1)))
            .withMessageContaining("PT-1S");
    }

}
