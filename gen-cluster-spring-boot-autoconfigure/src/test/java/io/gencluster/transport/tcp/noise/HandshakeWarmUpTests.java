package io.gencluster.transport.tcp.noise;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The warm-up runs the real handshake and ciphers, not something cheaper that leaves them
 * cold, once, on a thread that does not keep the JVM alive.
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

    /**
     * Fails if the warm-up thread is not started, is not a daemon (it would hold up the
     * exit of a JVM that ends early), or is started again by a second transport.
     */
    @Test
    void startsOneDaemonThreadThatEndsAndNoSecond() {
        AtomicBoolean started = new AtomicBoolean();
        Thread thread = HandshakeWarmUp.startOnce(started, 1);
        assertThat(thread).isNotNull();
        assertThat(thread.getName()).isEqualTo("gen-cluster-warm-up");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getState()).isNotEqualTo(Thread.State.NEW);
        await().atMost(Duration.ofSeconds(30)).until(() -> !thread.isAlive());
        assertThat(HandshakeWarmUp.startOnce(started, 1)).isNull();
    }

}
