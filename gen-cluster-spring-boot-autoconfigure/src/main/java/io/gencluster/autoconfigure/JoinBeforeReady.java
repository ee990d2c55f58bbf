package io.gencluster.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.gencluster.membership.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Holds the application back from ready until this node has joined the peers its first
 * discovery found ({@code gen-cluster.join-before-ready}): Boot publishes
 * {@code ApplicationReadyEvent}, and a Kubernetes readiness probe turns ready, only after
 * this listener returns. Dials that fail (refused, unknown host) end the wait as soon as
 * they do; only peers that answer nothing can hold it to its bound.
 */
final class JoinBeforeReady implements ApplicationListener<ApplicationStartedEvent> {

    private static final Logger logger = LoggerFactory.getLogger(ClusterManager.class);

    private final ClusterManager manager;

    private final Duration wait;

    JoinBeforeReady(ClusterManager manager, Duration wait) {
        this.manager = manager;
        this.wait = wait;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        if (wait.isZero() || !manager.isRunning()) {
            return;
        }
        long started = System.nanoTime();
        boolean ended = manager.firstDialsEnded()
            .thenApply(done -> true)
            .completeOnTimeout(false, wait.toMillis(), TimeUnit.MILLISECONDS)
            .join();
        long waited = (System.nanoTime() - started) / 1_000_000;
        if (ended) {
            logger.info("Joined {} member(s) of {} discovered peer(s) before ready, after {} ms",
                    manager.members().size(), manager.discovered().size(), waited);
        }
        else {
            logger.info("Ready with {} member(s) of {} discovered peer(s): still dialling after {}",
                    manager.members().size(), manager.discovered().size(), wait);
        }
    }

}
