package io.gencluster;

import java.util.List;
import java.util.Optional;

/** The membership of a cluster that is off, {@link ClusterMembership#none()}. */
final class NoClusterMembership implements ClusterMembership {

    static final ClusterMembership INSTANCE = new NoClusterMembership();

    private NoClusterMembership() {
    }

    @Override
    public Optional<ClusterNode> self() {
        return Optional.empty();
    }

    @Override
    public List<ClusterNode> members() {
        return List.of();
    }

    @Override
    public Optional<ClusterNode> member(String id) {
        return Optional.empty();
    }

    @Override
    public boolean isRunning() {
        return false;
    }

    @Override
    public String toString() {
        return "ClusterMembership.none()";
    }

}
