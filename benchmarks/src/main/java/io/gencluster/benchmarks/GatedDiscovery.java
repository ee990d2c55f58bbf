package io.gencluster.benchmarks;

import java.util.Set;

import io.gencluster.NodeAddress;
import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.discovery.StaticDiscovery;

/**
 * A static node list that can be held back: while closed it finds nobody, so nodes can be
 * started without links and measured before the mesh forms.
 */
final class GatedDiscovery implements DiscoveryStrategy {

    private final StaticDiscovery nodes;

    private volatile boolean open;

    GatedDiscovery(StaticDiscovery nodes, boolean open) {
        this.nodes = nodes;
        this.open = open;
    }

    void open() {
        open = true;
    }

    @Override
    public Set<NodeAddress> discover() {
        return open ? nodes.discover() : Set.of();
    }

    @Override
    public String describe() {
        return nodes.describe() + (open ? "" : " (held back)");
    }

}
