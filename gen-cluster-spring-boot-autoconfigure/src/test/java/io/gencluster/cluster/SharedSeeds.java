package io.gencluster.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;

/**
 * A seed list the test fills as nodes start on random ports: static discovery whose list
 * can grow.
 */
final class SharedSeeds implements DiscoveryStrategy {

    private final Set<NodeAddress> seeds = ConcurrentHashMap.newKeySet();

    void add(NodeAddress address) {
        seeds.add(address);
    }

    void remove(NodeAddress address) {
        seeds.remove(address);
    }

    @Override
    public Set<NodeAddress> discover() {
        return Set.copyOf(seeds);
    }

    @Override
    public String describe() {
        return "seeds " + seeds;
    }

}
