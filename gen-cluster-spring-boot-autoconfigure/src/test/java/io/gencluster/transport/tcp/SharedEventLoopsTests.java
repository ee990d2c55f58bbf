package io.gencluster.transport.tcp;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event loops a JVM's transports share: one group while any transport holds it, shut
 * down by the last release, and a new one for the next transport.
 */
class SharedEventLoopsTests {

    private final SharedEventLoops shared = new SharedEventLoops();

    /**
     * Fails if each transport gets loops of its own (a JVM of 100 nodes then runs 200
     * event-loop threads), if the first release shuts down loops another transport still
     * runs on, or if the last one leaves them running.
     */
    @Test
    void transportsShareOneGroupUntilTheLastReleasesIt() {
        EventLoopGroup first = shared.acquire();
        EventLoopGroup second = shared.acquire();
        assertThat(second).isSameAs(first);

        shared.release(first);
        assertThat(first.isShuttingDown()).as("still held by the second transport").isFalse();

        shared.release(second);
        assertThat(first.isShuttingDown()).isTrue();
        assertThat(first.isTerminated()).as("the release waits for the loops to end").isTrue();
    }

    /** Fails if a transport started after the last release gets the loops shut down. */
    @Test
    void theNextTransportAfterTheLastReleaseGetsNewLoops() {
        EventLoopGroup old = shared.acquire();
        shared.release(old);

        EventLoopGroup next = shared.acquire();
        try {
            assertThat(next).isNotSameAs(old);
            assertThat(next.isShuttingDown()).isFalse();
        }
        finally {
            shared.release(next);
        }
    }

    /** Fails if releasing loops twice, or loops of an older generation, counts again. */
    @Test
    void aReleaseOfLoopsAlreadyShutDownChangesNothing() {
        EventLoopGroup old = shared.acquire();
        shared.release(old);
        EventLoopGroup current = shared.acquire();
        try {
            shared.release(old);
            assertThat(current.isShuttingDown()).isFalse();
        }
        finally {
            shared.release(current);
        }
    }

}
