package io.gencluster.membership;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReconnectBackoffTests {

    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void doublesFromInitialWithFullRandom() {
        assertThat(backoff.delayAfter(1, () -> 0.999999)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delayAfter(2, () -> 0.999999)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delayAfter(3, () -> 0.999999)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void jitterTakesAtLeastHalf() {
        assertThat(backoff.delayAfter(1, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delayAfter(3, () -> 0.5)).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void isCappedAtMaxEvenAfterManyFailures() {
        assertThat(backoff.delayAfter(10, () -> 0.999999)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(1_000_000, () -> 0.999999)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void spreadsRetriesOfPeersThatFailedTogether() {
        Random random = new Random(42);
        long distinct = IntStream.range(0, 50)
            .mapToObj(i -> backoff.delayAfter(4, random::nextDouble))
            .distinct()
            .count();
        assertThat(distinct).isGreaterThan(25);
    }

    @Test
    void rejectsMaxBelowInitial() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
            .withMessageContaining("initial");
    }

    /** Fails if a backoff that does not grow (max equal to initial) is refused. */
    @Test
    void acceptsMaxEqualToInitial() {
        assertThat(new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).delayAfter(5, () -> 0.999999))
            .isEqualTo(Duration.ofSeconds(1));
    }

}
