package io.gencluster.transport;

import java.time.Instant;

import io.gencluster.transport.Suspicion.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A suspicion's counts are checked, and its detail reads as the leave's reason. */
class SuspicionTests {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void withNobodyToAskTheDetailSaysSo() {
        assertThat(new Suspicion(Outcome.HEARD_BY_NONE, 0, 0, AT).detail()).isEqualTo("no other member to ask");
    }

    @Test
    void theDetailCountsTheMembersThatHeardItAndSaysWhenItSpokeAgain() {
        assertThat(new Suspicion(Outcome.HEARD_BY_OTHERS, 3, 2, AT).detail()).isEqualTo("heard by 2 of 3 members");
        assertThat(new Suspicion(Outcome.HEARD_BY_NONE, 1, 0, AT).detail()).isEqualTo("heard by 0 of 1 member");
        assertThat(new Suspicion(Outcome.REFUTED, 2, 2, AT).detail())
            .isEqualTo("it spoke again; heard by 2 of 2 members");
    }

    @Test
    void refusesCountsThatCannotBe() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Suspicion(Outcome.HEARD_BY_NONE, -1, 0, AT))
            .withMessage("heard by 0 of -1");
        assertThatIllegalArgumentException().isThrownBy(() -> new Suspicion(Outcome.HEARD_BY_NONE, 1, -1, AT))
            .withMessage("heard by -1 of 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new Suspicion(Outcome.HEARD_BY_OTHERS, 1, 2, AT))
            .withMessage("heard by 2 of 1");
    }

}
