package io.gencluster.membership;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterManagerPhaseTests {

    @Test
    void joinsAfterTheWebServerStartsAndSaysGoodbyeBeforeItsGracefulShutdown() {
        // Lifecycles start in ascending and stop in descending phase order.
        assertThat(ClusterManager.PHASE).isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE)
            .isGreaterThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
    }

    /** Fails if the manager reports another phase than the one it documents. */
    @Test
    void reportsItsPhase() {
        assertThat(new ClusterManager(new DialScript(), List.of(), ClusterManagerSettings.defaults(), event -> {
        }).getPhase()).isEqualTo(ClusterManager.PHASE);
    }

    /**
     * Fails if the manager's threads keep a JVM alive that the application wants to end.
     */
    @Test
    void itsThreadsAreNamedDaemons() {
        Thread thread = DaemonThreads.named("gen-cluster-test").newThread(() -> {
        });
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("gen-cluster-test");
    }

}
