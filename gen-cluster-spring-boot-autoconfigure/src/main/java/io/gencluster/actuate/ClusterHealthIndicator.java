package io.gencluster.actuate;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.gencluster.membership.ClusterManager;
import io.gencluster.ClusterNode;

/**
 * The {@code cluster} health contributor: UP while this node has at least the minimum
 * number of members it is given (0 by default, so always UP), DOWN below. Its details are
 * the member count and ids, the discovered and pending counts and the threshold. Meant
 * for the readiness group; it must never be in liveness, where a network partition would
 * restart every node.
 */
public class ClusterHealthIndicator implements HealthIndicator {

    private final ClusterManager manager;

    private final int minMembers;

    /**
     * Creates the indicator.
     * @param manager the cluster it reports on
     * @param minMembers the fewest members (this node not counted) for UP
     */
    public ClusterHealthIndicator(ClusterManager manager, int minMembers) {
        if (minMembers < 0) {
            throw new IllegalArgumentException("minMembers must be 0 or more, got " + minMembers);
        }
        this.manager = manager;
        this.minMembers = minMembers;
    }

    @Override
    public Health health() {
        List<String> ids = manager.members().stream().map(ClusterNode::id).toList();
        Health.Builder builder = ids.size() >= minMembers ? Health.up()
                : Health.down().withDetail("reason", ids.size() + " member(s), at least " + minMembers + " needed");
        return builder.withDetail("members", ids.size())
            .withDetail("memberIds", ids)
            .withDetail("discovered", manager.discovered().size())
            .withDetail("pending", manager.pending().size())
            .withDetail("minMembers", minMembers)
            .build();
    }

}
