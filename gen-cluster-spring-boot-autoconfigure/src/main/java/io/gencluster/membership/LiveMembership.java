package io.gencluster.membership;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;

import java.util.List;
import java.util.Optional;

/**
 * The membership a {@link ClusterManager} shows to application code: its member table,
 * read-only.
 */
final class LiveMembership implements ClusterMembership {

    private final ClusterManager manager;

    private final MemberTable members;

    LiveMembership(ClusterManager manager, MemberTable members) {
        this.manager = manager;
        this.members = members;
    }

    @Override
    public Optional<ClusterNode> self() {
        return manager.isRunning() ? Optional.of(manager.self()) : Optional.empty();
    }

    @Override
    public List<ClusterNode> members() {
        return members.members();
    }

    @Override
    public Optional<ClusterNode> member(String id) {
        return members.member(id);
    }

    @Override
    public boolean isRunning() {
        return manager.isRunning();
    }

}
