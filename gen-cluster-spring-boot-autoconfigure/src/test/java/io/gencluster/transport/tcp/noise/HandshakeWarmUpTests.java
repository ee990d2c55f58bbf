package io.gencluster.transport.tcp.noise;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up runs the real handshake and ciphers, not something cheaper that leaves them
 * cold.
 */
class HandshakeWarmUpTests {

    /**
     * Fails if a warm-up handshake does not complete both messages and carry a sealed
     * frame each way under the session's keys.
     */
    @Test
    void everyWarmUpHandshakeCompletesAndCarriesAFrameEachWay() {
        assertThat(HandshakeWarmUp.run(3)).isEqualTo(3);
    }

}
