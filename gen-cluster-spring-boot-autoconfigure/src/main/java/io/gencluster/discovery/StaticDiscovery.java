package io.gencluster.discovery;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import io.gencluster.NodeAddress;

/**
 * gen_cluster's {@code static} strategy: a fixed list of nodes. Options: {@code nodes},
 * each {@code name@host:port}, {@code host:port}, {@code [v6]:port} or {@code host}.
 */
public final class StaticDiscovery implements DiscoveryStrategy {

    private final Set<NodeAddress> nodes;

    /**
     * Creates the strategy.
     * @param nodes the nodes to connect to, this node among them or not; kept in this
     * order
     */
    public StaticDiscovery(Collection<NodeAddress> nodes) {
        this.nodes = Collections.unmodifiableSet(new LinkedHashSet<>(nodes));
    }

    /**
     * Parses each text as a {@link NodeAddress}; a bad one fails with its text and the
     * accepted forms.
     */
    public static StaticDiscovery parse(Collection<String> nodes) {
        return new StaticDiscovery(nodes.stream().map(NodeAddress::parse).toList());
    }

    @Override
    public Set<NodeAddress> discover() {
        return nodes;
    }

    @Override
    public String describe() {
        return "static " + nodes;
    }

}
