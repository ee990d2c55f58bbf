package io.gencluster.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.gencluster.NodeMetadata;
import io.gencluster.membership.ClusterManager;

/**
 * This node's metadata as the application starts: what gen-cluster knows itself (the
 * version from the build information, the web server's port and scheme, the management
 * server's port when it has its own), with {@code gen-cluster.metadata.*} on top. The
 * servers start before the cluster does, so the first links already carry their ports;
 * later the application replaces the metadata through
 * {@link ClusterManager#updateMetadata}.
 */
final class NodeMetadataSources {

    /**
     * The server namespace of the management server when it runs on a port of its own.
     */
    private static final String MANAGEMENT = "management";

    private final ClusterManager manager;

    private final Map<String, String> configured;

    private final Map<String, String> known = new LinkedHashMap<>();

    NodeMetadataSources(ClusterManager manager, Map<String, String> configured, @Nullable String version) {
        this.manager = manager;
        this.configured = Map.copyOf(configured);
        if (version != null) {
            known.put(NodeMetadata.VERSION, version);
        }
        apply();
    }

    /**
     * A web server started.
     * @param namespace {@code null} for the application's server, {@code management} for
     * a separate management server
     * @param port the port it listens on
     * @param secure whether it serves https
     */
    synchronized void webServerStarted(@Nullable String namespace, int port, boolean secure) {
        if (namespace == null) {
            known.put(NodeMetadata.WEB_PORT, Integer.toString(port));
            known.put(NodeMetadata.WEB_SCHEME, secure ? "https" : "http");
        }
        else if (namespace.equals(MANAGEMENT)) {
            known.put(NodeMetadata.MANAGEMENT_PORT, Integer.toString(port));
        }
        apply();
    }

    private synchronized void apply() {
        Map<String, String> metadata = new LinkedHashMap<>(known);
        metadata.putAll(configured);
        manager.updateMetadata(metadata);
    }

}
