package io.gencluster.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The small values the membership core reports and is configured with. */
class ClusterValuesTests {

    /** Fails if a limit's metric tag or log text is lost. */
    @Test
    void limitsHaveATagAndADescription() {
        assertThat(ClusterLimit.PENDING_PEERS.tag()).isEqualTo("pending-peers");
        assertThat(ClusterLimit.CONCURRENT_DIALS.description()).contains("dialled at once");
    }

    /**
     * Fails if a refresh is reported as succeeded while a strategy failed, or the
     * reverse.
     */
    @Test
    void aRefreshSucceededWhenNoStrategyFailed() {
        Instant at = Instant.parse("2026-11-25T09:00:00Z");
        assertThat(new RefreshResult(at, Duration.ZERO, Set.of(), Map.of()).succeeded()).isTrue();
        assertThat(new RefreshResult(at, Duration.ZERO, Set.of(), Map.of("dns", "SERVFAIL")).succeeded()).isFalse();
    }

    /** Fails if a refresh interval of zero is accepted: the refresh loop would spin. */
    @Test
    void theRefreshIntervalIsPositive() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(5));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ClusterManagerSettings(Optional.of(Duration.ZERO), false, true, backoff,
                    DialLimits.defaults()))
            .withMessageContaining("refresh interval must be positive");
    }

    /**
     * Fails if a flapping threshold of one leave is accepted (every leave would flap), if
     * two is refused, or if a window of zero or below is accepted.
     */
    @Test
    void flappingNeedsAtLeastTwoLeavesWithinAPositiveWindow() {
        assertThat(new FlapPolicy(2, Duration.ofMillis(1)).leaves()).isEqualTo(2);
        assertThatIllegalArgumentException().isThrownBy(() -> new FlapPolicy(1, Duration.ofMinutes(1)))
            .withMessage("flapping needs at least 2 leaves, got 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new FlapPolicy(5, Duration.ZERO))
            .withMessage("flapping window must be positive, got PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> new FlapPolicy(5, Duration.ofSeconds(-1)))
            .withMessage("flapping window must be positive, got PT-1S");
    }

    /**
     * Fails if a lost fraction of 0 or 1 (or beyond) is accepted, if one just inside is
     * refused, or if a window of zero or below is accepted.
     */
    @Test
    void isolationNeedsAFractionStrictlyBetweenZeroAndOneAndAPositiveWindow() {
        assertThat(new IsolationPolicy(0.001, Duration.ofMillis(1)).lostFraction()).isEqualTo(0.001);
        assertThat(new IsolationPolicy(0.999, Duration.ofMillis(1)).lostFraction()).isEqualTo(0.999);
        for (double fraction : new double[] { 0, 1, -0.5, 1.5, Double.NaN }) {
            assertThatIllegalArgumentException().as("fraction %s", fraction)
                .isThrownBy(() -> new IsolationPolicy(fraction, Duration.ofSeconds(30)))
                .withMessage("isolation lost fraction must be above 0 and below 1, got " + fraction);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new IsolationPolicy(0.5, Duration.ZERO))
            .withMessage("isolation window must be positive, got PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> new IsolationPolicy(0.5, Duration.ofSeconds(-1)))
            .withMessage("isolation window must be positive, got PT-1S");
    }

}
