package io.gencluster.membership;

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
}
