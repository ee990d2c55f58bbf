package io.gencluster.membership;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the manager tells its activity listeners (the metrics), and the dials that bounds
 * and backoff schedule.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterManagerActivityTests {

    private static final NodeAddress B = NodeAddress.of("127.0.0.1", 4371);

    private static final NodeAddress C = NodeAddress.of("127.0.0.1", 4372);

    private static final NodeAddress D = NodeAddress.of("127.0.0.1", 4373);

    private static final ClusterNode NODE_B = DialScript.node("b", 4371, ClusterNode.Direction.OUTBOUND);

    private static final ClusterNode NODE_X = DialScript.node("x", 4379, ClusterNode.Direction.INBOUND);

    private final TestClock clock = new TestClock();

    private final DialScript transport = new DialScript();

    private final AtomicReference<Set<NodeAddress>> discovered = new AtomicReference<>(Set.of(B));

    private final DiscoveryStrategy discovery = discovered::get;

    private final RecordingActivity activity = new RecordingActivity();

    private ClusterManager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.stop();
        }
    }

    /**
     * Fails if refreshes, dial outcomes (failed or not) or heartbeat round trips are not
     * reported.
     */
    @Test
    void reportsRefreshesDialOutcomesAndRoundTrips() {
        start(ClusterManagerSettings.every(Duration.ofHours(1)));
        assertThat(activity.attempts).containsExactly("127.0.0.1:4371 refused");

        transport.answer(B, NODE_B);
        clock.advance(Duration.ofHours(1));
        RefreshResult last = manager.refresh();
        transport.heartbeat(NODE_B, Duration.ofMillis(3));

        assertThat(activity.attempts).containsExactly("127.0.0.1:4371 refused", "127.0.0.1:4371 success");
        assertThat(activity.refreshes).hasSize(2).last().isEqualTo(last);
        assertThat(activity.roundTrips).containsExactly(Duration.ofMillis(3));
        assertThat(manager.roundTripTime(NODE_B)).contains(Duration.ofMillis(3));
    }

    /**
     * Fails if a target held back for want of a dial slot waits for the next refresh
     * instead of the freed slot, or the limit goes unreported.
     */
    @Test
    void aPeerHeldBackForADialSlotIsDialledOnceOneIsFree() {
        discovered.set(Set.of(B, C));
        transport.holdDials();
        // A backoff of an hour of real time: only the freed slot can explain the second
        // dial.
        ReconnectBackoff anHour = new ReconnectBackoff(Duration.ofHours(1), Duration.ofHours(1));
        start(new ClusterManagerSettings(Optional.of(Duration.ofHours(1)), false, true, anHour,
                new DialLimits(10, 10, 1, List.of())));
        assertThat(transport.dialsOf(B) + transport.dialsOf(C)).isEqualTo(1);
        assertThat(activity.limits).contains(ClusterLimit.CONCURRENT_DIALS);

        transport.failHeldDials();

        await().atMost(Duration.ofSeconds(10)).until(() -> transport.dialsOf(B) + transport.dialsOf(C) == 2);
        assertThat(transport.dialsOf(B)).isOne();
    }

    /**
     * Fails if announcements past the per-member bound, or refused as too large, go
     * uncounted or unlogged.
     */
    @Test
    void reportsAnnouncementsPastTheirBounds(CapturedOutput output) {
        discovered.set(Set.of());
        start(ClusterManagerSettings.every(Duration.ofHours(1)).withLimits(new DialLimits(1, 10, 10, List.of())));
        transport.dialledBy(NODE_X);

        transport.announces(NODE_X, Set.of(C, D));
        assertThat(activity.limits).containsExactly(ClusterLimit.ANNOUNCED_ADDRESSES);
        transport.refusesAnnouncementOf(NODE_X);
        assertThat(activity.limits).containsExactly(ClusterLimit.ANNOUNCED_ADDRESSES, ClusterLimit.ANNOUNCED_ADDRESSES);
        assertThat(output.getOut()
            .lines()
            .filter(line -> line.contains("WARN") && line.contains("Limit announced-addresses reached")))
            .as("one WARN a minute")
            .hasSize(1);
    }

    /**
     * Fails if a failed peer waits for the next refresh (an hour here) rather than its
     * backoff.
     */
    @Test
    void aFailedPeerIsRetriedWhenItsBackoffEndsWithoutARefresh() {
        clock.tickAtEveryReading(Duration.ofHours(2));
        start(ClusterManagerSettings.every(Duration.ofHours(1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> transport.dialsOf(B) >= 3);
    }

    /**
     * Fails if a node refreshing only once (gen_cluster's {@code infinity}) dials a
     * failed peer again.
     */
    @Test
    void withoutARefreshIntervalAFailedPeerIsNotRetried() {
        clock.tickAtEveryReading(Duration.ofHours(2));
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(1));
        start(new ClusterManagerSettings(Optional.empty(), false, true, backoff, DialLimits.defaults()));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> transport.dialsOf(B) == 1);
    }

    /** Fails if the refresh interval is not scheduled: discovery would run once only. */
    @Test
    void refreshesEveryIntervalOnItsOwn() {
        start(ClusterManagerSettings.every(Duration.ofMillis(20)));

        await().atMost(Duration.ofSeconds(10)).until(() -> activity.refreshes.size() >= 5);
    }

    private void start(ClusterManagerSettings settings) {
        manager = new ClusterManager(transport, List.of(discovery), settings, event -> {
        }, clock);
        manager.addActivityListener(activity);
        manager.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !activity.refreshes.isEmpty());
    }

}
