package io.gencluster.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.discovery.StaticDiscovery;

/**
 * Builds the strategies that {@code gen-cluster.discovery.strategy} names. Strategies declared as
 * beans are added to these by the auto-configuration.
 */
final class ConfiguredDiscovery {

    private ConfiguredDiscovery() {
    }

    static List<DiscoveryStrategy> create(GenClusterProperties properties, String nodeName) {
        GenClusterProperties.Discovery discovery = properties.getDiscovery();
        List<DiscoveryStrategy> strategies = new ArrayList<>();
        for (DiscoveryKind kind : discovery.getStrategy().stream().distinct().toList()) {
            switch (kind) {
                case STATIC -> strategies.add(new StaticDiscovery(discovery.getStatic().addresses()));
                case DNS, EPMD -> throw new IllegalStateException("gen-cluster.discovery.strategy " + kind.name()
                    .toLowerCase() + " is not available in this build");
            }
        }
        return strategies;
    }
}
