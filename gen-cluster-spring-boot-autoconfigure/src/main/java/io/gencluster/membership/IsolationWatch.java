package io.gencluster.membership;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;

/**
 * Tells when this node is cut off ({@link IsolationPolicy}): counts the members lost to a
 * broken link ({@code CONNECTION_LOST}, {@code HEARTBEAT_TIMEOUT},
 * {@code HEARD_BY_OTHERS}) within the window and not back yet; when they are more than
 * the fraction of the cluster as it was, this node is isolated (one WARN) until enough
 * members are linked again (one INFO). While isolated, old losses do not age out: only
 * links coming back end it.
 * <p>
 * Thread-safe: its methods hold its own lock and call nothing outside it. The member
 * table calls it with the member count after each change.
 */
final class IsolationWatch {

    private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

    private final IsolationPolicy policy;

    private final Clock clock;

    /** When each member was lost, by id, while not back. */
    private final Map<String, Instant> losses = new LinkedHashMap<>();

    /** How many members this node had when it became isolated, while it is. */
    private int baseline;

    private @Nullable Isolation isolation;

    IsolationWatch(IsolationPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** A member left; {@code members} is how many are left. */
    synchronized void left(ClusterNode node, LeaveReason reason, int members) {
        if (reason != LeaveReason.CONNECTION_LOST && reason != LeaveReason.HEARTBEAT_TIMEOUT
                && reason != LeaveReason.HEARD_BY_OTHERS) {
            return;
        }
        Instant now = clock.instant();
        if (isolation == null) {
            losses.values().removeIf(at -> !at.isAfter(now.minus(policy.window())));
        }
        losses.put(node.id(), now);
        if (isolation != null) {
            isolation = new Isolation(isolation.since(), baseline - members, baseline);
            return;
        }
        int before = members + losses.size();
        if (losses.size() > policy.lostFraction() * (before + 1)) {
            baseline = before;
            isolation = new Isolation(now, losses.size(), before);
            log.warn("This node lost {} of its {} members within {}: it is probably cut off from the cluster",
                    losses.size(), before, policy.window());
        }
    }

    /** A member joined; {@code members} is how many there are now. */
    synchronized void joined(ClusterNode node, int members) {
        losses.remove(node.id());
        if (isolation == null) {
            return;
        }
        int missing = Math.max(0, baseline - members);
        if (missing > policy.lostFraction() * (baseline + 1)) {
            isolation = new Isolation(isolation.since(), missing, baseline);
            return;
        }
        log.info("This node is back in the cluster: {} of its {} members are linked again", baseline - missing,
                baseline);
        isolation = null;
        losses.clear();
    }

    /** Whether, and since when, this node is cut off. */
    synchronized Optional<Isolation> isolation() {
        return Optional.ofNullable(isolation);
    }

}
