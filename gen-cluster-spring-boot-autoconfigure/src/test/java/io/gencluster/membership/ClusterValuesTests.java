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

}
