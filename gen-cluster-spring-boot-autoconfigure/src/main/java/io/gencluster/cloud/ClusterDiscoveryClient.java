package io.gencluster.cloud;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * The members as a Spring Cloud {@link DiscoveryClient}, so that a {@code @LoadBalanced}
 * client calls {@code http://orders/...} across the nodes named {@code orders}. Answers
 * from the membership at each call: a member that left is gone from the next answer.
 */
public class ClusterDiscoveryClient implements DiscoveryClient {

    private final ClusterServiceInstances instances;

    /**
     * Creates the client.
     * @param instances the nodes as service instances
     */
    public ClusterDiscoveryClient(ClusterServiceInstances instances) {
        this.instances = instances;
    }

    @Override
    public String description() {
        return "gen-cluster members";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        return instances.instances(serviceId);
    }

    @Override
    public List<String> getServices() {
        return instances.services();
    }

}
