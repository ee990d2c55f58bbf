package io.gencluster.membership;

import io.gencluster.NodeAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What one refresh found: when it ran, how long discovery took, the peers found (this
 * node left out) and each failing strategy's error.
 *
 * @param at when the refresh started
 * @param duration how long discovery took
 * @param discovered the union of what the strategies returned, this node left out
 * @param errors the error of each strategy that failed, by its description; failing
 * strategies contributed their last good answer
 */
public record RefreshResult(Instant at, Duration duration, Set<NodeAddress> discovered, Map<String, String> errors) {

    /** Copies the collections. */
    public RefreshResult {
        discovered = Set.copyOf(discovered);
        errors = Map.copyOf(errors);
    }

    /** Whether every strategy answered. */
    public boolean succeeded() {
        return errors.isEmpty();
    }
}
