package io.gencluster.cloud;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * The members as a Spring Cloud {@link ReactiveDiscoveryClient}:
 * {@link ClusterDiscoveryClient} for reactive clients.
 */
public class ClusterReactiveDiscoveryClient implements ReactiveDiscoveryClient {

    private final ClusterServiceInstances instances;

    /**
     * Creates the client.
     * @param instances the nodes as service instances
     */
    public ClusterReactiveDiscoveryClient(ClusterServiceInstances instances) {
        this.instances = instances;
    }

    @Override
    public String description() {
        return "gen-cluster members";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.defer(() -> Flux.fromIterable(instances.instances(serviceId)));
    }

    @Override
    public Flux<String> getServices() {
        return Flux.defer(() -> Flux.fromIterable(instances.services()));
    }

}
