package io.gencluster.cloud;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;
import io.gencluster.NodeMetadata;

/**
 * The nodes of the cluster as service instances, read from the membership at each call so
 * that a member that left is never listed: service id the node's
 * {@value NodeMetadata#SERVICE} metadata, else its name; instance id the node's id, host
 * its advertised host, port its {@value NodeMetadata#WEB_PORT} and secure when its
 * {@value NodeMetadata#WEB_SCHEME} is {@code https}; the instance metadata is the node's.
 * A node that publishes no web port (or one that is not a number) serves no HTTP and is
 * not an instance.
 */
public final class ClusterServiceInstances {

    private final ClusterMembership membership;

    /**
     * Creates the view.
     * @param membership the cluster's members and this node
     */
    public ClusterServiceInstances(ClusterMembership membership) {
        this.membership = membership;
    }

    /** The instances of one service, this node first. */
    public List<ServiceInstance> instances(String serviceId) {
        return nodes().filter(node -> serviceId(node).equals(serviceId))
            .map(ClusterServiceInstances::instance)
            .flatMap(Optional::stream)
            .toList();
    }

    /** The services of the nodes that serve HTTP, each once. */
    public List<String> services() {
        return nodes().map(ClusterServiceInstances::instance)
            .flatMap(Optional::stream)
            .map(ServiceInstance::getServiceId)
            .distinct()
            .toList();
    }

    private Stream<ClusterNode> nodes() {
        return Stream.concat(membership.self().stream(), membership.members().stream());
    }

    private static Optional<ServiceInstance> instance(ClusterNode node) {
        String port = node.metadata().get(NodeMetadata.WEB_PORT);
        if (port == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DefaultServiceInstance(node.id(), serviceId(node), node.address().host(),
                    Integer.parseInt(port), "https".equals(node.metadata().get(NodeMetadata.WEB_SCHEME)),
                    node.metadata()));
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private static String serviceId(ClusterNode node) {
        return node.metadata().getOrDefault(NodeMetadata.SERVICE, node.name());
    }

}
