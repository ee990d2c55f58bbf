package io.gencluster.membership;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ClusterManager} refreshes.
 *
 * @param refreshInterval how often discovery runs and missing peers are dialled; empty
 * for gen_cluster's {@code infinity}: one refresh at start, no reconnection
 * @param pruneUndiscovered whether members that discovery no longer returns are
 * disconnected
 * @param connectAll whether addresses that members announce are dialled too (Erlang's
 * global)
 * @param backoff the wait before dialling a peer again after failures
 * @param limits the bounds on what announcements and dials may cost
 * @param pruneUndiscoveredAfter with {@code pruneUndiscovered}, how long a member must
 * have been missing from discovery before it is disconnected (checked at each refresh);
 * zero prunes it at the first refresh that misses it
 * @param flapping when a peer that joins and leaves often counts as flapping
 * @param isolation when this node counts as cut off from the cluster
 */
public record ClusterManagerSettings(Optional<Duration> refreshInterval, boolean pruneUndiscovered, boolean connectAll,
        ReconnectBackoff backoff, DialLimits limits, Duration pruneUndiscoveredAfter, FlapPolicy flapping,
        IsolationPolicy isolation) {

    /** gen_cluster's default refresh interval. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(5);

    /**
     * Settings that prune at once (with {@code pruneUndiscovered}), as before the grace
     * period existed.
     */
    public ClusterManagerSettings(Optional<Duration> refreshInterval, boolean pruneUndiscovered, boolean connectAll,
            ReconnectBackoff backoff, DialLimits limits) {
        this(refreshInterval, pruneUndiscovered, connectAll, backoff, limits, Duration.ZERO, FlapPolicy.DEFAULT,
                IsolationPolicy.DEFAULT);
    }

    /** Checks the interval is positive, the grace not negative and the limits are set. */
    public ClusterManagerSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(flapping, "flapping");
        Objects.requireNonNull(isolation, "isolation");
        if (pruneUndiscoveredAfter.isNegative()) {
            throw new IllegalArgumentException(
                    "prune-undiscovered grace must be zero or positive, got " + pruneUndiscoveredAfter);
        }
        refreshInterval.ifPresent(interval -> {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("refresh interval must be positive, got " + interval);
            }
        });
    }

    /**
     * Refresh every 5 s, no pruning, connect-all on, backoff from 200 ms up to the
     * refresh interval, the default {@link DialLimits}.
     */
    public static ClusterManagerSettings defaults() {
        return every(DEFAULT_REFRESH_INTERVAL);
    }

    /**
     * The defaults with another refresh interval; the backoff is capped at that interval.
     */
    public static ClusterManagerSettings every(Duration refreshInterval) {
        Duration initial = Duration.ofMillis(Math.min(200, refreshInterval.toMillis()));
        return new ClusterManagerSettings(Optional.of(refreshInterval), false, true,
                new ReconnectBackoff(initial, refreshInterval), DialLimits.defaults());
    }

    /** These settings with pruning on or off. */
    public ClusterManagerSettings withPruneUndiscovered(boolean prune) {
        return new ClusterManagerSettings(refreshInterval, prune, connectAll, backoff, limits, pruneUndiscoveredAfter,
                flapping, isolation);
    }

    /**
     * These settings with pruning on, after members have been missing from discovery for
     * the given time.
     */
    public ClusterManagerSettings withPruneUndiscoveredAfter(Duration grace) {
        return new ClusterManagerSettings(refreshInterval, true, connectAll, backoff, limits, grace, flapping,
                isolation);
    }

    /** These settings with connect-all on or off. */
    public ClusterManagerSettings withConnectAll(boolean connect) {
        return new ClusterManagerSettings(refreshInterval, pruneUndiscovered, connect, backoff, limits,
                pruneUndiscoveredAfter, flapping, isolation);
    }

    /** These settings with another policy for flapping peers. */
    public ClusterManagerSettings withFlapping(FlapPolicy flapping) {
        return new ClusterManagerSettings(refreshInterval, pruneUndiscovered, connectAll, backoff, limits,
                pruneUndiscoveredAfter, flapping, isolation);
    }

    /** These settings with another policy for telling when this node is cut off. */
    public ClusterManagerSettings withIsolation(IsolationPolicy isolation) {
        return new ClusterManagerSettings(refreshInterval, pruneUndiscovered, connectAll, backoff, limits,
                pruneUndiscoveredAfter, flapping, isolation);
    }

    /** These settings with other limits on announcements and dials. */
    public ClusterManagerSettings withLimits(DialLimits limits) {
        return new ClusterManagerSettings(refreshInterval, pruneUndiscovered, connectAll, backoff, limits,
                pruneUndiscoveredAfter, flapping, isolation);
    }
}
