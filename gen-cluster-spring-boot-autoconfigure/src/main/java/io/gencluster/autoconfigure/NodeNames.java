package io.gencluster.autoconfigure;

import java.util.Locale;

import org.springframework.core.env.Environment;

/**
 * Picks this node's name: {@code gen-cluster.node-name}, else
 * {@code spring.application.name}, else {@code gen-cluster}. Port-mapper discovery needs
 * names unique per host, so there the default name gets the transport port appended (the
 * process id when the port is chosen at random), as Erlang users write {@code app1},
 * {@code app2}.
 */
final class NodeNames {

    private static final String FALLBACK = "gen-cluster";

    private NodeNames() {
    }

    static String resolve(GenClusterProperties properties, Environment environment) {
        if (properties.getNodeName() != null) {
            return properties.getNodeName();
        }
        String application = environment.getProperty("spring.application.name", FALLBACK);
        String name = application.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        if (name.isEmpty()) {
            name = FALLBACK;
        }
        if (properties.getDiscovery().getStrategy().contains(DiscoveryKind.EPMD)) {
            int port = properties.getTransport().getPort();
            name = name + "-" + (port != 0 ? port : ProcessHandle.current().pid());
        }
        return name;
    }

}
