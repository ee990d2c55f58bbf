package io.gencluster.actuate;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.gencluster.membership.ClusterManager;
import io.gencluster.membership.Isolation;
import io.gencluster.ClusterNode;

/**
 * The {@code cluster} health contributor: UP while this node has at least the minimum
 * number of members it is given (0 by default, so always UP), DOWN below; when asked to,
 * OUT_OF_SERVICE while this node is cut off from the cluster
 * ({@link ClusterManager#isolation()}), so that a readiness group takes it out of a load
 * balancer until its links return. Its details are the member count and ids, the
 * discovered and pending counts, the threshold and whether this node is isolated. Meant
 * for the readiness group; it must never be in liveness, where a network partition would
 * restart every node.
 */
public class ClusterHealthIndicator implements HealthIndicator {

    private final ClusterManager manager;

    private final int minMembers;

    private final boolean outOfServiceWhenIsolated;

    /**
     * Creates an indicator that stays UP while this node is isolated.
     * @param manager the cluster it reports on
     * @param minMembers the fewest members (this node not counted) for UP
     */
    public ClusterHealthIndicator(ClusterManager manager, int minMembers) {
        this(manager, minMembers, false);
    }

    /**
     * Creates the indicator.
     * @param manager the cluster it reports on
     * @param minMembers the fewest members (this node not counted) for UP
     * @param outOfServiceWhenIsolated whether to report OUT_OF_SERVICE while this node is
     * cut off from the cluster
     */
    public ClusterHealthIndicator(ClusterManager manager, int minMembers, boolean outOfServiceWhenIsolated) {
        if (minMembers < 0) {
            throw new IllegalArgumentException("minMembers must be 0 or more, got " + minMembers);
        }
        this.manager = manager;
        this.minMembers = minMembers;
        this.outOfServiceWhenIsolated = outOfServiceWhenIsolated;
    }

    @Override
    public Health health() {
        List<String> ids = manager.members().stream().map(ClusterNode::id).toList();
        Optional<Isolation> isolation = manager.isolation();
        Health.Builder builder;
        if (ids.size() < minMembers) {
            builder = Health.down().withDetail("reason", ids.size() + " member(s), at least " + minMembers + " needed");
        }
        else if (isolation.isPresent() && outOfServiceWhenIsolated) {
            builder = Health.outOfService()
                .withDetail("reason", "cut off from the cluster: " + isolation.get().missing() + " of "
                        + isolation.get().of() + " members lost since " + isolation.get().since());
        }
        else {
            builder = Health.up();
        }
        return builder.withDetail("members", ids.size())
            .withDetail("isolated", isolation.isPresent())
            .withDetail("memberIds", ids)
            .withDetail("discovered", manager.discovered().size())
            .withDetail("pending", manager.pending().size())
            .withDetail("minMembers", minMembers)
            .build();
    }

}
