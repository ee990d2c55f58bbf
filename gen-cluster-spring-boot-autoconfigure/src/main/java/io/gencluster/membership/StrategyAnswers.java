package io.gencluster.membership;

import io.gencluster.ClusterNode;
import io.gencluster.NodeAddress;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.discovery.DiscoveryStrategy;

/**
 * Asks every strategy and keeps each one's last good answer, so a strategy that fails (a
 * DNS server down) never makes members disappear. A failure is logged when it starts or
 * changes, and the recovery once, not at every refresh.
 */
final class StrategyAnswers {

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private final List<DiscoveryStrategy> strategies;

    private final Map<DiscoveryStrategy, Set<NodeAddress>> lastGood = new LinkedHashMap<>();

    private final Map<DiscoveryStrategy, String> lastError = new LinkedHashMap<>();

    StrategyAnswers(List<DiscoveryStrategy> strategies) {
        this.strategies = List.copyOf(strategies);
    }

    List<DiscoveryStrategy> strategies() {
        return strategies;
    }

    /** Starts every strategy for this node. */
    void startAll(ClusterNode self) throws Exception {
        for (DiscoveryStrategy strategy : strategies) {
            strategy.start(self);
        }
    }

    /** Stops every strategy; one that fails to is logged and the others still stop. */
    void stopAll() {
        for (DiscoveryStrategy strategy : strategies) {
            try {
                strategy.stop();
            }
            catch (RuntimeException ex) {
                log.warn("Discovery {} did not stop cleanly: {}", strategy.describe(), ex.toString());
            }
        }
    }

    /**
     * Asks each strategy once.
     * @param errors filled with the error of each strategy that failed, by its
     * description
     * @return the union of the answers, the last good one standing in for each failure
     */
    Set<NodeAddress> askAll(Map<String, String> errors) {
        Set<NodeAddress> union = new HashSet<>();
        for (DiscoveryStrategy strategy : strategies) {
            try {
                Set<NodeAddress> answer = Set.copyOf(strategy.discover());
                lastGood.put(strategy, answer);
                String previous = lastError.remove(strategy);
                if (previous != null) {
                    log.info("Discovery by {} works again: {} peer(s)", strategy.describe(), answer.size());
                }
                log.debug("Discovery by {} found {}", strategy.describe(), answer);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                errors.put(strategy.describe(), "interrupted");
                break;
            }
            catch (Exception ex) {
                String message = Objects.toString(ex.getMessage(), ex.getClass().getName());
                errors.put(strategy.describe(), message);
                String previous = lastError.put(strategy, message);
                if (!message.equals(previous)) {
                    log.warn("Discovery by {} failed, keeping its last answer ({} peer(s)): {}", strategy.describe(),
                            lastGood.getOrDefault(strategy, Set.of()).size(), message);
                }
            }
            union.addAll(lastGood.getOrDefault(strategy, Set.of()));
        }
        return union;
    }

}
