package io.gencluster.membership;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DialLimitsTests {

    /**
     * Fails if a bound of zero is accepted: nothing would ever be kept, pending or
     * dialled.
     */
    @Test
    void everyBoundIsAtLeastOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DialLimits(0, 1, 1, List.of()))
            .withMessage("max announced addresses must be at least 1, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new DialLimits(1, 0, 1, List.of()))
            .withMessage("max pending peers must be at least 1, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new DialLimits(1, 1, 0, List.of()))
            .withMessage("max concurrent dials must be at least 1, got 0");
        assertThat(new DialLimits(1, 1, 1, List.of()).maxConcurrentDials()).isOne();
    }

    /**
     * Fails if announced hosts are filtered without networks, or host names pass the
     * networks.
     */
    @Test
    void announcedHostsAreFilteredOnlyByNetworks() {
        assertThat(DialLimits.defaults().allowsAnnounced("db.internal")).isTrue();
        DialLimits fenced = new DialLimits(1, 1, 1, List.of(IpNetwork.parse("10.0.0.0/8")));
        assertThat(fenced.allowsAnnounced("10.1.2.3")).isTrue();
        assertThat(fenced.allowsAnnounced("db.internal")).isFalse();
    }

}
